package org.selfchallenge.challenger;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Retail: "change my default address to A". The new address is another real user's address (found
 * with get_user_details), so it is plausible data. evaluate(): the user's address equals A field by
 * field. Failure cases: A with a different zip; doing nothing.
 */
public final class RetailChangeAddress implements TaskFamily {
    private static final List<String> FIELDS = List.of("address1", "address2", "city", "state", "country", "zip");

    @Override
    public String env() {
        return "retail";
    }

    @Override
    public String name() {
        return "retail.change_default_address";
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<CatDraft> draft(Explorer ex, Random rnd) {
        Map<String, Object> user = RetailRecords.randomUser(ex, rnd);
        Map<String, Object> donor = RetailRecords.randomUser(ex, rnd);
        if (user == null || donor == null || user.get("user_id").equals(donor.get("user_id"))) {
            return Optional.empty();
        }
        Map<String, Object> a = (Map<String, Object>) donor.get("address");
        if (a.equals(user.get("address"))) {
            return Optional.empty();
        }
        String uid = (String) user.get("user_id");
        String wrongZip = String.format("%05d", (Integer.parseInt((String) a.get("zip")) + 1 + rnd.nextInt(50)) % 100000);
        String instruction = RetailRecords.identity(user, rnd) + " You moved: update your default address to "
                + a.get("address1") + ", " + a.get("address2") + ", " + a.get("city") + ", " + a.get("state") + " "
                + a.get("zip") + ", " + a.get("country") + ".";
        StringBuilder eval = new StringBuilder("def evaluate():\n")
                .append("    address = get_user_details(user_id=").append(CatDraft.py(uid)).append(")[\"address\"]\n")
                .append("    return address == {");
        for (int i = 0; i < FIELDS.size(); i++) {
            String f = FIELDS.get(i);
            eval.append(i == 0 ? "" : ", ").append(CatDraft.py(f)).append(": ").append(CatDraft.py((String) a.get(f)));
        }
        eval.append("}");
        return Optional.of(new CatDraft(name(), instruction, eval.toString(), call(uid, a, (String) a.get("zip")),
                List.of(call(uid, a, wrongZip), "pass")));
    }

    private static String call(String uid, Map<String, Object> a, String zip) {
        StringBuilder b = new StringBuilder("modify_user_address(user_id=").append(CatDraft.py(uid));
        for (String f : FIELDS) {
            b.append(", ").append(f).append("=").append(CatDraft.py(f.equals("zip") ? zip : (String) a.get(f)));
        }
        return b.append(")").toString();
    }
}
