package org.selfchallenge.challenger;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Where retail exploration starts: the user ids of the bundled data set (ids only — every fact about
 * a user or order is then obtained through the read-only tools, as a model challenger would).
 */
final class RetailRecords {
    private static final String USERS = "/org/selfchallenge/data/taubench/retail/users.json";
    private static volatile List<String> userIds;

    private RetailRecords() {
    }

    static List<String> userIds() {
        if (userIds == null) {
            synchronized (RetailRecords.class) {
                if (userIds == null) {
                    userIds = load();
                }
            }
        }
        return userIds;
    }

    private static List<String> load() {
        List<String> ids = new ArrayList<>();
        try (InputStream in = RetailRecords.class.getResourceAsStream(USERS)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + USERS);
            }
            JsonParser p = new ObjectMapper().getFactory().createParser(in);
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                ids.add(p.getCurrentName());
                p.nextToken();
                p.skipChildren();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + USERS, e);
        }
        return List.copyOf(ids);
    }

    /** A random user's details via get_user_details. */
    static Map<String, Object> randomUser(Explorer ex, Random rnd) {
        List<String> ids = userIds();
        String id = ids.get(rnd.nextInt(ids.size()));
        Map<String, Object> u = ex.callJson("get_user_details", Map.of("user_id", id));
        if (u != null) {
            u.put("user_id", id);
        }
        return u;
    }

    /** "Your name is ... and your email is ..." or "... and your zip code is ...", chosen by the seed. */
    @SuppressWarnings("unchecked")
    static String identity(Map<String, Object> user, Random rnd) {
        Map<String, Object> name = (Map<String, Object>) user.get("name");
        String who = "Your name is " + name.get("first_name") + " " + name.get("last_name");
        if (rnd.nextBoolean()) {
            return who + " and your email is " + user.get("email") + ".";
        }
        Map<String, Object> addr = (Map<String, Object>) user.get("address");
        return who + " and your zip code is " + addr.get("zip") + ".";
    }

    /** The user's orders with the given status, fetched with get_order_details. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> orders(Explorer ex, Map<String, Object> user, String status) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object oid : (List<Object>) user.get("orders")) {
            Map<String, Object> o = ex.callJson("get_order_details", Map.of("order_id", oid));
            if (o != null && status.equals(o.get("status"))) {
                out.add(o);
            }
        }
        return out;
    }
}
