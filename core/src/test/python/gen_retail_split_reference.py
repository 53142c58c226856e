"""Replays a retail task split with the UPSTREAM τ-bench tools (loaded by upstream_retail.py) and writes a reference in the format of retail_reference.json:
{"initial_data_hash", "splits": {split: [{"task_index", "gt_data_hash", "gt_observations"}]}}.

    python3 gen_retail_split_reference.py /path/to/tau-bench DATA_DIR test OUT.json
"""
import copy, json, sys
import upstream_retail as g

repo, data_dir, split, out = sys.argv[1:5]
g.init(repo, data_dir)
tasks = json.load(open(f"{data_dir}/tasks_{split}.json"))
refs = []
for i, t in enumerate(tasks):
    data = g.load_data()
    obs = [g.step(data, a["name"], copy.deepcopy(a["kwargs"])) for a in t["actions"]
           if a["name"] != "transfer_to_human_agents"]
    refs.append({"task_index": i, "gt_data_hash": g.data_hash(data),
                 "gt_observations": obs})
json.dump({"domain": "retail", "generator": "core/src/test/python/gen_retail_split_reference.py",
           "python": sys.version.split()[0], "initial_data_hash": g.data_hash(g.load_data()), "splits": {split: refs}},
          open(out, "w"), indent=1)
print(len(refs), "tasks")
