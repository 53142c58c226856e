package org.selfchallenge.env.airline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.selfchallenge.env.Environment;
import org.selfchallenge.env.Resources;
import org.selfchallenge.pyval.PyJson;

/**
 * Shared fixtures of the airline tool tests: records quoted from the data files (so every expected
 * number below can be checked by hand against {@code flights.json}, {@code reservations.json},
 * {@code users.json}) and the upstream initial hash from {@code airline_reference.json}.
 */
final class AirlineFixtures {
    private AirlineFixtures() {
    }

    /** Upstream's hash of the untouched data: any failing call must leave the data at this hash. */
    static final String INITIAL_HASH = (String) PyJson.parseObject(
            Resources.readString("/conformance/taubench/airline_reference.json")).get("initial_data_hash");

    // users.json, "mei_wilson_7043": payment_methods =
    //   certificate_9801805 {source: certificate, amount: 250}, gift_card_5107860 {source: gift_card,
    //   amount: 176}, credit_card_7535171 {source: credit_card}; reservations: 9 ids, "Z30P1H".."981SI8".
    static final String USER = "mei_wilson_7043";
    static final String CERTIFICATE = "certificate_9801805";
    static final long CERTIFICATE_AMOUNT = 250;
    static final String GIFT_CARD = "gift_card_5107860";
    static final long GIFT_CARD_BALANCE = 176;
    static final String CREDIT_CARD = "credit_card_7535171";

    // flights.json, HAT001 PHL→LGA, "2024-05-20": available, economy seats 17, economy price 137.
    static final long HAT001_0520_ECONOMY = 137;

    // reservations.json, "3ELCIO" (mei_wilson_7043): cabin economy, 1 passenger, flights
    //   HAT228 2024-05-19 price 101, HAT270 2024-05-20 price 131; payment_history
    //   [{gift_card_5107860, 262}]; total_baggages 1, nonfree_baggages 0, insurance yes.
    static final String RESERVATION = "3ELCIO";

    static Environment env() {
        return AirlineEnvironment.load();
    }

    /** An ordered kwargs map from alternating names and values. */
    static Map<String, Object> kw(Object... namesAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }

    static List<Object> list(Object... items) {
        return new ArrayList<>(Arrays.asList(items));
    }

    static Map<String, Object> segment(String flightNumber, String date) {
        return kw("flight_number", flightNumber, "date", date);
    }

    static Map<String, Object> payment(String id, Object amount) {
        return kw("payment_id", id, "amount", amount);
    }

    static List<Object> passengers(int n) {
        List<Object> all = list(kw("first_name", "Mei", "last_name", "Wilson", "dob", "1984-11-22"),
                kw("first_name", "Juan", "last_name", "Patel", "dob", "1964-03-14"));
        return new ArrayList<>(all.subList(0, n));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Object observation) {
        return (Map<String, Object>) PyJson.parse((String) observation);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> userRecord(Environment env, String userId) {
        return json(env.call("get_user_details", kw("user_id", userId)));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> paymentMethod(Environment env, String userId, String paymentId) {
        return (Map<String, Object>) ((Map<String, Object>) userRecord(env, userId).get("payment_methods")).get(paymentId);
    }
}
