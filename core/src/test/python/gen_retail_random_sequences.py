"""Differential vectors: random episodes (sequences of retail tool calls on one user's data, valid and
invalid arguments mixed, odd strings in addresses) replayed with the UPSTREAM τ-bench tools (loaded by
upstream_retail.py). Recorded per sequence: each observation (verbatim when short, else its sha256)
and the final data hash.

    python3 gen_retail_random_sequences.py /path/to/tau-bench DATA_DIR OUT.json [N] [SEED]
"""
import copy, json, random, sys
from hashlib import sha256
import upstream_retail as u

repo, data_dir, out = sys.argv[1:4]
n = int(sys.argv[4]) if len(sys.argv) > 4 else 300
seed = int(sys.argv[5]) if len(sys.argv) > 5 else 20250613
u.init(repo, data_dir)
base = u.load_data()
rnd = random.Random(seed)
users = list(base["users"])
STRINGS = ["12 Main St", "Apt 'B'", 'Suite "5"', "both ' and \"", "Caf\u00e9 \u00dcn\u00efcode", "tab\there",
           "back\\slash", "emoji \U0001F600", "zero\u200bwidth", "nbsp\u00a0x", "", "line\nbreak", "\x7f"]


def expr(depth=0):
    if depth > 2 or rnd.random() < 0.3:
        return rnd.choice([str(rnd.randint(0, 999)), f"{rnd.uniform(0, 999):.2f}", f"{rnd.randint(0, 99)}.{rnd.randint(0, 9)}"])
    op = rnd.choice(["+", "-", "*", "/", "//", "**" if depth > 1 else "*"])
    e = f"{expr(depth + 1)} {op} {expr(depth + 1)}"
    return f"({e})" if rnd.random() < 0.5 else e


def action(data, uid):
    user = data["users"][uid]
    orders = user["orders"] or ["#W0000000"]
    oid = rnd.choice(orders) if rnd.random() < 0.93 else rnd.choice(["#W0000000", oid_any()])
    order = data["orders"].get(oid)
    pms = list(user["payment_methods"])
    pm = rnd.choice(pms + ["gift_card_0000000"] + ([order["payment_history"][0]["payment_method_id"]] if order and order["payment_history"] else []))
    items = [i["item_id"] for i in order["items"]] if order else ["1234567890"]

    def item_ids():
        k = rnd.randint(0, min(3, len(items)))
        ids = rnd.sample(items, k)
        if rnd.random() < 0.15 and ids:
            ids.append(ids[0])  # duplicate
        if rnd.random() < 0.05:
            ids.append("0000000000")
        return ids

    def new_ids(ids):
        out = []
        for iid in ids:
            it = next((i for i in order["items"] if i["item_id"] == iid), None) if order else None
            if it is None or rnd.random() < 0.07:
                pid = rnd.choice(list(data["products"]))
            else:
                pid = it["product_id"]
            out.append(rnd.choice(list(data["products"][pid]["variants"])))
        if rnd.random() < 0.05:
            out = out[:-1]
        return out

    addr = {k: rnd.choice(STRINGS) for k in ("address1", "address2", "city", "state", "country", "zip")}
    t = rnd.choices(["cancel", "exchange", "return", "items", "payment", "oaddr", "uaddr", "order", "user",
                     "email", "namezip", "calc", "product", "types", "think"],
                    [8, 8, 8, 10, 6, 4, 3, 6, 4, 3, 3, 4, 2, 1, 1])[0]
    A = lambda name, **kw: {"name": name, "kwargs": kw}
    if t == "cancel":
        return A("cancel_pending_order", order_id=oid, reason=rnd.choice(["no longer needed", "ordered by mistake", "other"]))
    if t in ("exchange", "items"):
        ids = item_ids()
        return A("exchange_delivered_order_items" if t == "exchange" else "modify_pending_order_items",
                 order_id=oid, item_ids=ids, new_item_ids=new_ids(ids), payment_method_id=pm)
    if t == "return":
        return A("return_delivered_order_items", order_id=oid, item_ids=item_ids(), payment_method_id=pm)
    if t == "payment":
        return A("modify_pending_order_payment", order_id=oid, payment_method_id=pm)
    if t == "oaddr":
        return A("modify_pending_order_address", order_id=oid, **addr)
    if t == "uaddr":
        return A("modify_user_address", user_id=uid, **addr)
    if t == "order":
        return A("get_order_details", order_id=oid)
    if t == "user":
        return A("get_user_details", user_id=uid)
    if t == "email":
        e = user["email"]
        return A("find_user_id_by_email", email=rnd.choice([e, e.upper(), e.title(), "x" + e]))
    if t == "namezip":
        nm = user["name"]
        return A("find_user_id_by_name_zip", first_name=nm["first_name"].upper(), last_name=nm["last_name"],
                 zip=rnd.choice([user["address"]["zip"], "00000"]))
    if t == "calc":
        return A("calculate", expression=expr())
    if t == "product":
        return A("get_product_details", product_id=rnd.choice(list(data["products"])))
    if t == "types":
        return A("list_all_product_types")
    return A("think", thought=rnd.choice(STRINGS))


def oid_any():
    return rnd.choice(list(base["orders"]))


def record(o):
    return o if o is None or len(o) <= 160 else "sha256:" + sha256(o.encode()).hexdigest()


seqs = []
for s in range(n):
    uid = rnd.choice(users)
    data = u.load_data()
    actions, obs = [], []
    for _ in range(rnd.randint(1, 8)):
        a = action(data, uid)
        actions.append(copy.deepcopy(a))
        obs.append(record(u.step(data, a["name"], a["kwargs"])))
    seqs.append({"user_id": uid, "actions": actions, "observations": obs, "data_hash": u.data_hash(data)})
json.dump({"generator": "core/src/test/python/gen_retail_random_sequences.py", "seed": seed,
           "python": sys.version.split()[0], "sequences": seqs}, open(out, "w"), indent=0)
print(len(seqs), "sequences,", sum(len(x["actions"]) for x in seqs), "actions")
