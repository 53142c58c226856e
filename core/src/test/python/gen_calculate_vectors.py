"""Vectors for τ-bench's calculate tool: random expressions over its allowed characters (well-formed
arithmetic and random character soup) with the UPSTREAM tool's output (loaded by upstream_retail.py).

    python3 gen_calculate_vectors.py /path/to/tau-bench DATA_DIR OUT.json [N] [SEED]
"""
import json, random, sys, warnings
import upstream_retail as u

warnings.simplefilter("ignore")  # SyntaxWarning for "(1)(2)"
repo, data_dir, out = sys.argv[1:4]
n = int(sys.argv[4]) if len(sys.argv) > 4 else 1500
rnd = random.Random(int(sys.argv[5]) if len(sys.argv) > 5 else 7)
u.init(repo, data_dir)


def num():
    return rnd.choice([str(rnd.randint(0, 99)), str(rnd.randint(0, 10 ** rnd.randint(1, 25))),
                       f"{rnd.uniform(0, 1000):.{rnd.randint(0, 4)}f}", "." + str(rnd.randint(0, 99)),
                       str(rnd.randint(1, 9)) + ".", "0", "00", "0.0"])


def expr(d=0):
    r = rnd.random()
    if d > 3 or r < 0.3:
        return num()
    if r < 0.4:
        return rnd.choice(["-", "+", "--", "- "]) + expr(d + 1)
    if r < 0.5:
        return "(" + expr(d + 1) + ")"
    op = rnd.choice(["+", "-", "*", "/", "//", "**", " * ", " / ", "-"])
    if op == "**":  # keep powers small: Python would take forever on huge ones
        return small() + rnd.choice(["**", " ** ", "**-"]) + small()
    return expr(d + 1) + op + expr(d + 1)


def small():
    return rnd.choice([str(rnd.randint(0, 20)), f"{rnd.uniform(0, 20):.{rnd.randint(1, 3)}f}", "(-2)", "0", "(" + str(rnd.randint(0, 99)) + ")"])


SOUP = "0123456789+-*/(). "
cases = []
for i in range(n):
    if i % 3 == 2:
        e = "".join(rnd.choice(SOUP) for _ in range(rnd.randint(0, 12)))
    else:
        e = expr()
    if "**" in e and e.count("*") > 6:
        continue  # random soup with chained powers could take forever
    cases.append({"expression": e, "output": u.step(None, "calculate", {"expression": e})})
json.dump({"generator": "core/src/test/python/gen_calculate_vectors.py", "python": sys.version.split()[0],
           "cases": cases}, open(out, "w"), indent=0)
print(len(cases), "cases")
