"""Generates core/src/test/resources/conformance/taubench/retail_tool_cases.json by running the
UPSTREAM τ-bench retail tools (loaded by upstream_retail.py from a tau-bench checkout) on the bundled
data, with the upstream Env.step conventions.

    python3 gen_retail_tool_cases.py /path/to/tau-bench core/src/main/resources/org/selfchallenge/data/taubench/retail OUT.json

Each case is a sequence of actions run on a fresh copy of the data; recorded: every observation and
the final data hash (sha256 of str(to_hashable(data)), as envs/base.py computes it).
"""
import copy, json, sys
import upstream_retail as u

A = lambda name, **kw: {"name": name, "kwargs": kw}
CASES = {
  # calculate
  **{f"calculate {e!r}": [A("calculate", expression=e)] for e in [
      "2 + 2", "(1 + 2) * 3.5 / 7", "10 / 3", "2 ** 10", "7 // 2", "0.1 + 0.2", "2.675 * 1", "-5", "1e5",
      "1/0", "1.0/0", "1//0", "", "2 +", "(2", "2)", "01", "()", "(1)(2)", "(2 3)", "10.0**400", "10**400",
      "(-8)**0.5", "0**-1", "9999999999999999999999 * 3", "1.5.2", "abc", "2 % 3", "1_000"]},
  "calculate non-str": [A("calculate", expression=5)],
  # cancel_pending_order
  "cancel not found": [A("cancel_pending_order", order_id="#W0000000", reason="no longer needed")],
  "cancel non-pending": [A("cancel_pending_order", order_id="#W2611340", reason="no longer needed")],
  "cancel invalid reason": [A("cancel_pending_order", order_id="#W6779827", reason="too slow")],
  "cancel gift card int balance": [A("cancel_pending_order", order_id="#W6779827", reason="no longer needed"),
                                   A("get_user_details", user_id="ethan_lopez_6291")],
  "cancel credit card": [A("cancel_pending_order", order_id="#W8367380", reason="ordered by mistake")],
  "cancel twice": [A("cancel_pending_order", order_id="#W8367380", reason="ordered by mistake"),
                   A("cancel_pending_order", order_id="#W8367380", reason="ordered by mistake")],
  # exchange_delivered_order_items
  "exchange not found": [A("exchange_delivered_order_items", order_id="#W0", item_ids=[], new_item_ids=[], payment_method_id="x")],
  "exchange non-delivered": [A("exchange_delivered_order_items", order_id="#W6779827", item_ids=[], new_item_ids=[], payment_method_id="x")],
  "exchange item not found": [A("exchange_delivered_order_items", order_id="#W1840144", item_ids=["123"], new_item_ids=["9385662952"], payment_method_id="paypal_2306935")],
  "exchange dup too many": [A("exchange_delivered_order_items", order_id="#W1840144", item_ids=["8590708195"] * 3, new_item_ids=["9385662952"] * 3, payment_method_id="paypal_2306935")],
  "exchange count mismatch": [A("exchange_delivered_order_items", order_id="#W1840144", item_ids=["8590708195"], new_item_ids=[], payment_method_id="paypal_2306935")],
  "exchange new unavailable": [A("exchange_delivered_order_items", order_id="#W1840144", item_ids=["8590708195"], new_item_ids=["4728397765"], payment_method_id="paypal_2306935")],
  "exchange new other product": [A("exchange_delivered_order_items", order_id="#W1840144", item_ids=["8590708195"], new_item_ids=["7706410293"], payment_method_id="paypal_2306935")],
  "exchange payment not found": [A("exchange_delivered_order_items", order_id="#W1840144", item_ids=["8590708195"], new_item_ids=["9385662952"], payment_method_id="gift_card_0")],
  "exchange gift card low": [A("exchange_delivered_order_items", order_id="#W8032761", item_ids=["8484921793"], new_item_ids=["7706410293"], payment_method_id="gift_card_2977513")],
  "exchange gift card ok (negative diff)": [A("exchange_delivered_order_items", order_id="#W8032761", item_ids=["8484921793", "8030558068"], new_item_ids=["3616838507", "3928046918"], payment_method_id="gift_card_2977513")],
  "exchange dup both": [A("exchange_delivered_order_items", order_id="#W1840144", item_ids=["8590708195", "8590708195", "6534134392"], new_item_ids=["9385662952", "5992316252", "6534134392"], payment_method_id="credit_card_3240550")],
  "exchange then return": [A("exchange_delivered_order_items", order_id="#W1840144", item_ids=["8590708195"], new_item_ids=["9385662952"], payment_method_id="paypal_2306935"),
                           A("return_delivered_order_items", order_id="#W1840144", item_ids=["8590708195"], payment_method_id="paypal_2306935")],
  # find_user_id_*
  "email case-insensitive": [A("find_user_id_by_email", email="Ethan.Lopez8943@EXAMPLE.com")],
  "email not found": [A("find_user_id_by_email", email="nobody@example.com")],
  "email non-str": [A("find_user_id_by_email", email=12)],
  "name zip": [A("find_user_id_by_name_zip", first_name="ETHAN", last_name="lopez", zip="43275")],
  "name zip wrong zip": [A("find_user_id_by_name_zip", first_name="Ethan", last_name="Lopez", zip="43276")],
  "name zip int zip": [A("find_user_id_by_name_zip", first_name="Ethan", last_name="Lopez", zip=43275)],
  # get_*
  "order details": [A("get_order_details", order_id="#W1840144")],
  "order details not found": [A("get_order_details", order_id="W1840144")],
  "order details list id": [A("get_order_details", order_id=["#W1840144"])],
  "order details int id": [A("get_order_details", order_id=1840144)],
  "cancel dict id": [A("cancel_pending_order", order_id={"id": "#W6779827"}, reason="no longer needed")],
  "return item_ids str": [A("return_delivered_order_items", order_id="#W1840144", item_ids="8590708195", payment_method_id="paypal_2306935")],
  "exchange item_ids int": [A("exchange_delivered_order_items", order_id="#W1840144", item_ids=5, new_item_ids=[], payment_method_id="paypal_2306935")],
  "modify items null payment": [A("modify_pending_order_items", order_id="#W8367380", item_ids=["2444431651"], new_item_ids=["8068777068"], payment_method_id=None)],
  "user details bool": [A("get_user_details", user_id=True)],
  "product details": [A("get_product_details", product_id="8560156827")],
  "product details not found": [A("get_product_details", product_id="0")],
  "user details": [A("get_user_details", user_id="harper_brown_7363")],
  "user details not found": [A("get_user_details", user_id="harper")],
  "list product types": [A("list_all_product_types")],
  # modify_pending_order_address
  "modify address not found": [A("modify_pending_order_address", order_id="#W0", address1="a", address2="b", city="c", state="d", country="e", zip="f")],
  "modify address non-pending": [A("modify_pending_order_address", order_id="#W2611340", address1="a", address2="b", city="c", state="d", country="e", zip="f")],
  "modify address ok": [A("modify_pending_order_address", order_id="#W6779827", address1="1 Main St", address2="", city="Austin", state="TX", country="USA", zip="78701")],
  # modify_pending_order_items
  "modify items not found": [A("modify_pending_order_items", order_id="#W0", item_ids=[], new_item_ids=[], payment_method_id="x")],
  "modify items non-pending": [A("modify_pending_order_items", order_id="#W1840144", item_ids=[], new_item_ids=[], payment_method_id="x")],
  "modify items item not found": [A("modify_pending_order_items", order_id="#W8367380", item_ids=["1"], new_item_ids=["2"], payment_method_id="credit_card_5683823")],
  "modify items count mismatch": [A("modify_pending_order_items", order_id="#W8367380", item_ids=["2444431651"], new_item_ids=["8068777068", "3333391894"], payment_method_id="credit_card_5683823")],
  "modify items new unavailable": [A("modify_pending_order_items", order_id="#W8367380", item_ids=["2444431651"], new_item_ids=["8140269513"], payment_method_id="credit_card_5683823")],
  "modify items payment not found": [A("modify_pending_order_items", order_id="#W8367380", item_ids=["2444431651"], new_item_ids=["8068777068"], payment_method_id="paypal_0")],
  "modify items gift card low": [A("modify_pending_order_items", order_id="#W6779827", item_ids=["7896397433"], new_item_ids=["2444431651"], payment_method_id="gift_card_7219486")],
  "modify items gift card small pay": [A("modify_pending_order_items", order_id="#W8367380", item_ids=["1689914594"], new_item_ids=["7751905257"], payment_method_id="gift_card_1994993")],
  "modify items gift card refund int->float": [A("modify_pending_order_items", order_id="#W8367380", item_ids=["2444431651", "8733974883"], new_item_ids=["8068777068", "5992316252"], payment_method_id="gift_card_1994993"),
                                               A("get_user_details", user_id="ava_nguyen_6646")],
  "modify items gift card pay": [A("modify_pending_order_items", order_id="#W8367380", item_ids=["1689914594"], new_item_ids=["4716977452"], payment_method_id="gift_card_1994993")],
  "modify items empty lists": [A("modify_pending_order_items", order_id="#W8367380", item_ids=[], new_item_ids=[], payment_method_id="gift_card_1994993"),
                               A("get_user_details", user_id="ava_nguyen_6646")],
  "modify items same variant": [A("modify_pending_order_items", order_id="#W8367380", item_ids=["2444431651"], new_item_ids=["2444431651"], payment_method_id="credit_card_5683823")],
  "modify items then address": [A("modify_pending_order_items", order_id="#W8367380", item_ids=["2444431651"], new_item_ids=["3333391894"], payment_method_id="credit_card_5683823"),
                                A("modify_pending_order_address", order_id="#W8367380", address1="a", address2="b", city="c", state="d", country="e", zip="f"),
                                A("modify_pending_order_items", order_id="#W8367380", item_ids=["3333391894"], new_item_ids=["2444431651"], payment_method_id="credit_card_5683823")],
  "modify items chain swap": [A("modify_pending_order_items", order_id="#W8367380", item_ids=["2444431651", "8068777068"], new_item_ids=["8068777068", "3333391894"], payment_method_id="credit_card_5683823")],
  # modify_pending_order_payment
  "modify payment not found": [A("modify_pending_order_payment", order_id="#W0", payment_method_id="x")],
  "modify payment non-pending": [A("modify_pending_order_payment", order_id="#W2611340", payment_method_id="gift_card_1725971")],
  "modify payment method not found": [A("modify_pending_order_payment", order_id="#W8367380", payment_method_id="paypal_0")],
  "modify payment same": [A("modify_pending_order_payment", order_id="#W8367380", payment_method_id="credit_card_5683823")],
  "modify payment gift card low": [A("modify_pending_order_payment", order_id="#W8367380", payment_method_id="gift_card_1994993")],
  "modify payment gift to credit": [A("modify_pending_order_payment", order_id="#W6779827", payment_method_id="credit_card_9789590"),
                                    A("get_user_details", user_id="ethan_lopez_6291")],
  "modify payment twice": [A("modify_pending_order_payment", order_id="#W6779827", payment_method_id="credit_card_9789590"),
                           A("modify_pending_order_payment", order_id="#W6779827", payment_method_id="gift_card_7219486")],
  # modify_user_address
  "modify user address not found": [A("modify_user_address", user_id="x", address1="a", address2="b", city="c", state="d", country="e", zip="f")],
  "modify user address ok": [A("modify_user_address", user_id="ethan_lopez_6291", address1="a", address2="b", city="c", state="d", country="e", zip="f")],
  # return_delivered_order_items
  "return not found": [A("return_delivered_order_items", order_id="#W0", item_ids=[], payment_method_id="x")],
  "return non-delivered": [A("return_delivered_order_items", order_id="#W6779827", item_ids=[], payment_method_id="x")],
  "return payment not found": [A("return_delivered_order_items", order_id="#W1840144", item_ids=["8590708195"], payment_method_id="gift_card_0")],
  "return payment not original": [A("return_delivered_order_items", order_id="#W1840144", item_ids=["8590708195"], payment_method_id="credit_card_3240550")],
  "return some item not found": [A("return_delivered_order_items", order_id="#W1840144", item_ids=["8590708195"] * 3, payment_method_id="paypal_2306935")],
  "return ok sorted dup": [A("return_delivered_order_items", order_id="#W1840144", item_ids=["8590708195", "6534134392", "8590708195", "6017636844"], payment_method_id="paypal_2306935")],
  "return to gift card": [A("return_delivered_order_items", order_id="#W9077205", item_ids=["9370300555"], payment_method_id="gift_card_7108145")],
  # think / transfer / step conventions
  "think": [A("think", thought="hmm")],
  "transfer": [A("transfer_to_human_agents", summary="s")],
  "unknown tool": [A("refund_everything", order_id="#W1")],
  "respond is not a tool": [A("respond", content="hi")],
  "missing arg": [A("cancel_pending_order", order_id="#W6779827")],
  "missing args 3": [A("modify_pending_order_items", order_id="#W6779827")],
  "missing args 2": [A("return_delivered_order_items", order_id="#W6779827")],
  "unexpected arg": [A("get_order_details", order_id="#W6779827", verbose=True)],
  "data arg": [A("think", thought="x", data=1)],
}

if __name__ != "__main__":
    raise ImportError("run as a script")
repo, data_dir, out = sys.argv[1], sys.argv[2], sys.argv[3]
u.init(repo, data_dir)
initial = u.data_hash(u.load_data())
cases = []
for name, actions in CASES.items():
    data = u.load_data()
    obs = [u.step(data, a["name"], copy.deepcopy(a["kwargs"])) for a in actions]
    h = u.data_hash(data)
    cases.append({"name": name, "actions": actions, "observations": obs, "data_hash": h, "unchanged": h == initial})
json.dump({"generator": "core/src/test/python/gen_retail_tool_cases.py", "python": sys.version.split()[0],
           "initial_data_hash": initial, "cases": cases}, open(out, "w"), indent=1)
print(len(cases), "cases")
