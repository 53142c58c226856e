package org.selfchallenge.env;

import org.junit.jupiter.api.Test;
import org.selfchallenge.env.retail.RetailEnvironment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EnvironmentsTest {

    @Test
    void loadsRetailByNameAsIndependentFreshCopies() {
        Environment a = Environments.load("retail");
        Environment b = Environments.load("retail");
        assertInstanceOf(RetailEnvironment.class, a);
        assertNotSame(a, b);
        assertEquals("retail", a.name());
        assertEquals(16, a.tools().size());
        assertEquals("calculate", a.tools().get(0).name());
        assertEquals(5718, a.policy().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        a.call("modify_user_address", java.util.Map.of("user_id", "ethan_lopez_6291", "address1", "a",
                "address2", "b", "city", "c", "state", "d", "country", "e", "zip", "f"));
        assertEquals(b.fresh().stateHash(), b.stateHash());
        assertEquals(false, a.stateHash().equals(b.stateHash()));
    }

    @Test
    void unknownNameListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Environments.load("shop"));
        assertEquals("unknown environment 'shop'; valid: retail, airline, calculation, web", e.getMessage());
    }
}
