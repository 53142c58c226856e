package org.selfchallenge.env.airline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.selfchallenge.env.airline.AirlineFixtures.INITIAL_HASH;
import static org.selfchallenge.env.airline.AirlineFixtures.RESERVATION;
import static org.selfchallenge.env.airline.AirlineFixtures.kw;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.selfchallenge.env.Environment;
import org.selfchallenge.env.Environments;
import org.selfchallenge.env.Resources;
import org.selfchallenge.env.TauEnvironment;
import org.selfchallenge.env.ToolSpec;
import org.selfchallenge.pyval.PyJson;

/** Registry, tool list, policy, dispatch conventions and copy-on-write isolation. */
class AirlineEnvironmentTest {

    @Test
    @SuppressWarnings("unchecked")
    void toolsAreTheUpstreamSchemasInOrder() {
        Environment env = Environments.load("airline");
        assertEquals("airline", env.name());
        List<Object> schemas = (List<Object>) PyJson.parse(Resources.readString(AirlineEnvironment.RESOURCE_DIR + "tools.json"));
        List<String> expected = new ArrayList<>();
        for (Object s : schemas) {
            expected.add((String) ((Map<String, Object>) ((Map<String, Object>) s).get("function")).get("name"));
        }
        assertEquals(List.of("book_reservation", "calculate", "cancel_reservation", "get_reservation_details",
                "get_user_details", "list_all_airports", "search_direct_flight", "search_onestop_flight",
                "send_certificate", "think", "transfer_to_human_agents", "update_reservation_baggages",
                "update_reservation_flights", "update_reservation_passengers"), expected);
        List<ToolSpec> tools = env.tools();
        assertEquals(expected, tools.stream().map(ToolSpec::name).toList());
        for (int i = 0; i < tools.size(); i++) {
            assertEquals(schemas.get(i), PyJson.parse(tools.get(i).schemaJson()));
        }
        assertEquals(List.of("book_reservation", "cancel_reservation", "send_certificate",
                        "update_reservation_baggages", "update_reservation_flights", "update_reservation_passengers"),
                tools.stream().filter(t -> !t.readOnly()).map(ToolSpec::name).toList());
        assertEquals(Resources.readString(AirlineEnvironment.RESOURCE_DIR + "wiki.md"), env.policy());
        assertTrue(((TauEnvironment) env).isTerminateTool("transfer_to_human_agents"));
    }

    @Test
    void dispatchConventions() {
        Environment env = Environments.load("airline");
        assertEquals("Unknown action cancel_pending_order", env.call("cancel_pending_order", kw()));
        assertEquals("Error: BookReservation.invoke() missing 10 required positional arguments: 'origin', "
                + "'destination', 'flight_type', 'cabin', 'flights', 'passengers', 'payment_methods', "
                + "'total_baggages', 'nonfree_baggages', and 'insurance'",
                env.call("book_reservation", kw("user_id", "mei_wilson_7043")));
        assertEquals("Error: CancelReservation.invoke() got an unexpected keyword argument 'reason'",
                env.call("cancel_reservation", kw("reservation_id", RESERVATION, "reason", "x")));
        assertEquals(INITIAL_HASH, env.stateHash());
    }

    @Test
    void freshCopiesAreIsolated() {
        Environment a = Environments.load("airline");
        a.call("cancel_reservation", kw("reservation_id", RESERVATION));
        Environment b = a.fresh();
        Environment c = Environments.load("airline");
        assertNotEquals(INITIAL_HASH, a.stateHash());
        assertEquals(INITIAL_HASH, b.stateHash());
        assertEquals(INITIAL_HASH, c.stateHash());
        assertTrue(((String) b.call("get_reservation_details", kw("reservation_id", RESERVATION))).endsWith("\"insurance\": \"yes\"}"));
    }
}
