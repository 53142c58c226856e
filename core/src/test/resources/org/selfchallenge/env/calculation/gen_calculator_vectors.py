# Differential vectors for the calculator tool: random mutations of arithmetic expressions evaluated by
# the ORIGINAL calculator (trade_calculator.py given as argv[1]; its tool functions are exec-ed, not copied
# here), with a 1 s alarm per expression; results whose repr is a function/class are dropped.
#   python3 gen_calculator_vectors.py trade_calculator.py 3 4000 calculator_vectors.json   (Python 3.11.7)
import json, random, sys, signal
src = open(sys.argv[1]).read()
src = src[:src.index('CUR_TASK_NAME = ')]
src = '\n'.join(l for l in src.splitlines() if not l.startswith('from ..base'))
ns = {}
exec(src, ns)
calc = ns['calculator']
class TO(Exception): pass
def h(*a): raise TO()
signal.signal(signal.SIGALRM, h)
random.seed(int(sys.argv[2]))
seeds = ["2 + (3 * 4)", "150 * 7.5 / 100", "round(1.005, 2)", "68.71 + 82.93", "(171.06 + 103.84 + 105.52) * 0.9", "max(1, 2)", "10 // 3 % 2", "2 ** 10 - 1", "-3.5 // 1", "1e3 / 7", "min([3, 1.5])", "sum([0.1, 0.2])", "abs(-7) * 2", "convert_currency(100, 1.5)", "estimate_final_value(150, calculate_tariff(150, 7.5))", "int('12') + float('1.5')", "1 < 2 == 2", "3 if 2 > 1 else 4", "[1, 2, 3][1]", "divmod(17, 5)", "pow(3, 4)", "0.1 * 3", "7 % -3", "1_000_000 / 3", "0x1f + 0o7", "round(2.5) + round(3.5)", "len('abcd')", "not 1 or 2", "(1, 2) + (3,)", "'ab' * 2"]
toks = [" ", "\t", "\n", "(", ")", "[", "]", ",", "+", "-", "*", "/", "//", "%", "**", ".", "e", "_", "0", "1", "5", "9", "j", "'", '"', "#", "\\", "\f", "not", "and", "or", "if", "else", "<", ">", "==", "!=", "~", "&", "|", "^", "<<", ">>", "round(", "abs(", "max(", "min(", "sum(", "int(", "float(", "True", "None", "x", "0x", "1e", "inf"]
cases = []
seen = set()
for _ in range(int(sys.argv[3])):
    s = random.choice(seeds)
    for _ in range(random.randint(1, 3)):
        i = random.randint(0, len(s))
        if random.random() < 0.7:
            s = s[:i] + random.choice(toks) + s[i:]
        elif s:
            s = s[:i] + s[i + 1:]
    if s in seen: continue
    seen.add(s)
    signal.alarm(1)
    try:
        r = calc(s)
        signal.alarm(0)
        try:
            rr = repr(r)
        except Exception:
            continue
        if 'function' in rr or 'built-in' in rr or 'class' in rr: continue
        cases.append({"expr": s, "repr": rr})
    except TO:
        continue
    finally:
        signal.alarm(0)
json.dump(cases, open(sys.argv[4], 'w'))
print(len(cases), sum(1 for c in cases if not c['repr'].startswith("'Failed")), "ok")
