package org.selfchallenge.challenger;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Retail: "cancel my pending order X because R". Explores a user and their orders, picks a pending
 * one. evaluate(): status is cancelled with the requested reason. Failure cases: the other reason;
 * doing nothing.
 */
public final class RetailCancelPendingOrder implements TaskFamily {
    static final List<String> REASONS = List.of("no longer needed", "ordered by mistake");

    @Override
    public String env() {
        return "retail";
    }

    @Override
    public String name() {
        return "retail.cancel_pending_order";
    }

    @Override
    public Optional<CatDraft> draft(Explorer ex, Random rnd) {
        Map<String, Object> user = RetailRecords.randomUser(ex, rnd);
        if (user == null) {
            return Optional.empty();
        }
        List<Map<String, Object>> pending = RetailRecords.orders(ex, user, "pending");
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        String oid = (String) pending.get(rnd.nextInt(pending.size())).get("order_id");
        int r = rnd.nextInt(REASONS.size());
        String reason = REASONS.get(r);
        String other = REASONS.get(1 - r);
        String instruction = RetailRecords.identity(user, rnd) + " Cancel your pending order " + oid
                + " because it was " + (reason.equals("ordered by mistake") ? "ordered by mistake" : "no longer needed") + ".";
        String evaluation = String.join("\n",
                "def evaluate():",
                "    order = get_order_details(order_id=" + CatDraft.py(oid) + ")",
                "    return order[\"status\"] == \"cancelled\" and order.get(\"cancel_reason\") == " + CatDraft.py(reason));
        String solution = "cancel_pending_order(order_id=" + CatDraft.py(oid) + ", reason=" + CatDraft.py(reason) + ")";
        String wrongReason = "cancel_pending_order(order_id=" + CatDraft.py(oid) + ", reason=" + CatDraft.py(other) + ")";
        return Optional.of(new CatDraft(name(), instruction, evaluation, solution, List.of(wrongReason, "pass")));
    }
}
