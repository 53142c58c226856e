package org.selfchallenge.env.airline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.selfchallenge.env.airline.AirlineFixtures.INITIAL_HASH;
import static org.selfchallenge.env.airline.AirlineFixtures.USER;
import static org.selfchallenge.env.airline.AirlineFixtures.env;
import static org.selfchallenge.env.airline.AirlineFixtures.kw;
import static org.selfchallenge.env.airline.AirlineFixtures.paymentMethod;

import org.junit.jupiter.api.Test;
import org.selfchallenge.env.Environment;

/** {@code send_certificate}: three fixed ids, the amount kept as given, then None. */
class SendCertificateTest {

    @Test
    void unknownUser() {
        Environment env = env();
        assertEquals("Error: user not found", env.call("send_certificate", kw("user_id", "nobody_1", "amount", 150L)));
        assertEquals(INITIAL_HASH, env.stateHash());
    }

    @Test
    void threeCertificatesThenNone() {
        Environment env = env();
        assertEquals("Certificate certificate_3221322 added to user mei_wilson_7043 with amount 150.",
                env.call("send_certificate", kw("user_id", USER, "amount", 150L)));
        assertEquals("Certificate certificate_3221323 added to user mei_wilson_7043 with amount 50.5.",
                env.call("send_certificate", kw("user_id", USER, "amount", 50.5)));
        assertEquals("Certificate certificate_3221324 added to user mei_wilson_7043 with amount 100.0.",
                env.call("send_certificate", kw("user_id", USER, "amount", 100.0)));
        assertEquals(kw("source", "certificate", "amount", 150L, "id", "certificate_3221322"),
                paymentMethod(env, USER, "certificate_3221322"));
        assertEquals(100.0, paymentMethod(env, USER, "certificate_3221324").get("amount"));
        String before = env.stateHash();
        assertNull(env.call("send_certificate", kw("user_id", USER, "amount", 1L)), "upstream returns None");
        assertEquals(before, env.stateHash());
    }
}
