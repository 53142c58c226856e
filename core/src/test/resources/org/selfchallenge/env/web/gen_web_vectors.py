# Differential vectors for the web browser: runs the ORIGINAL WebBrowser class (read from CodeAct
# tasks/impl/web_browsing/__init__.py given as argv[1], class definitions only, not copied here) on
# random action sequences over web_pages.jsonl (argv[2]) and records every observation.
#   python3 gen_web_vectors.py web_browsing/__init__.py web_pages.jsonl web_vectors.json   (Python 3.11.7, CodeAct d607f56)
import json, random, sys
from typing import List, Mapping
from collections import deque
src = open(sys.argv[1]).read()
src = src[src.index('class WebPage:'):src.index('def calculator')]
ns = {'List': List, 'Mapping': Mapping, 'deque': deque}
exec(src, ns)
lines = open(sys.argv[2]).read().splitlines()
pages = [ns['WebPage'](**json.loads(l)) for l in lines]
names = [p.name for p in pages] + ["/blog/wand-maintenance", "/team/customer_support", "'/about'", "/nope", ""]
random.seed(5)
runs = []
for r in range(20):
    b = ns['WebBrowser'](pages=pages, default_page="/")
    steps = []
    for s in range(30):
        op = random.choice(["click_url", "click_url", "click_url", "go_to_previous_page", "scroll_down", "scroll_up", "view"])
        args = [random.choice(names)] if op == "click_url" else []
        obs = getattr(b, op)(*args)
        steps.append({"tool": op, "args": args, "obs": obs})
    runs.append(steps)
json.dump(runs, open(sys.argv[3], 'w'), indent=0)
print(len(runs), "runs")
