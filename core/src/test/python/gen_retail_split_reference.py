"""Replays a retail task split with the UPSTREAM τ-bench tools (see gen_retail_tool_cases.py for how
they are loaded) and writes a reference in the format of retail_reference.json:
{"initial_data_hash", "splits": {split: [{"task_index", "gt_data_hash", "gt_observations"}]}}.

    python3 gen_retail_split_reference.py /path/to/tau-bench DATA_DIR test OUT.json
"""
import copy, json, sys
sys.argv, args = sys.argv[:1] + sys.argv[1:3] + ["/dev/null"], sys.argv[1:]
import gen_retail_tool_cases as g  # runs its cases into /dev/null; we only need its loader and step()

repo, data_dir, split, out = args
tasks = json.load(open(f"{data_dir}/tasks_{split}.json"))
refs = []
for i, t in enumerate(tasks):
    data = g.load_data()
    obs = [g.step(data, a["name"], copy.deepcopy(a["kwargs"])) for a in t["actions"]
           if a["name"] != "transfer_to_human_agents"]
    refs.append({"task_index": i, "gt_data_hash": g.sha256(str(g.to_hashable(data)).encode()).hexdigest(),
                 "gt_observations": obs})
json.dump({"domain": "retail", "generator": "core/src/test/python/gen_retail_split_reference.py",
           "python": sys.version.split()[0], "initial_data_hash": g.initial, "splits": {split: refs}},
          open(out, "w"), indent=1)
print(len(refs), "tasks")
