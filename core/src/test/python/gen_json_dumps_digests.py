"""For every record of the bundled τ-bench data (retail and airline), CPython's json.dumps(record):
writes one sha256 per table over the concatenation json.dumps(record) + "\\n" in file order, plus the
digest of json.dumps of each table as a whole. Checks PyJson.dumps / float repr on all real data.

    python3 gen_json_dumps_digests.py TAUBENCH_DATA_DIR OUT.json
"""
import json, os, sys
from hashlib import sha256

root, out = sys.argv[1:3]
res = {}
for env, tables in (("retail", ("orders", "products", "users")), ("airline", ("flights", "reservations", "users"))):
    for t in tables:
        data = json.load(open(os.path.join(root, env, t + ".json")))
        per_record = sha256("".join(json.dumps(r) + "\n" for r in data.values()).encode()).hexdigest()
        res[f"{env}/{t}"] = {"records": len(data), "records_sha256": per_record,
                             "table_sha256": sha256(json.dumps(data).encode()).hexdigest()}
json.dump({"generator": "core/src/test/python/gen_json_dumps_digests.py", "python": sys.version.split()[0],
           "tables": res}, open(out, "w"), indent=1)
print(res)
