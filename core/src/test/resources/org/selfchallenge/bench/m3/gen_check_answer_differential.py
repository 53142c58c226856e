# Differential vectors for M3Checker: runs the ORIGINAL check_answer (read from CodeAct base.py on stdin,
# not copied here) on ~21k candidate answers. Python 3.11.7 generated check_answer_differential.json:
#   git show d607f56:scripts/eval/m3tooleval/tasks/base.py | python3 gen_check_answer_differential.py \
#       core/src/main/resources/org/selfchallenge/data/m3tooleval/m3tooleval_tasks.json check_answer_differential.json
import json, ast, random, sys
src = open('/dev/stdin').read()
# extract Task.check_answer and helpers from upstream base.py
ns = {}
start = src.index('    def check_answer'); end = src.index('    def execute_action')
body = src[start:end]
code = "import ast\nfrom typing import *\nclass Task:\n    def __init__(self, e): self.expected_output = e\n" + body
exec(code, ns)
Task = ns['Task']
tasks = json.load(open(sys.argv[1]))
random.seed(7)
base = ["", " ", "0", "00", "-0", "+3", "3", " 3", "3 ", "\t3\n", "1_000", "1__0", "_1", "1_", "١٢٣", "3.0", "3.", ".5", "1e3", "1E-2", "1e", "inf", "-Infinity", "nan", "NaN", "0x10", "0b11", "0o7", "True", "False", "None", "'a' 'b'", "b'x'", "b'\\xff'", "1j", "1+2j", "-1j", "{1, 2}", "set()", "(1)", "(1,)", "[1,]", "[1, 2]", "{'a': 1}", "{1: 2, 1.0: 3}", "...", "\"x\"", "'it''s'", "'\\n'", "r'\\n'", "u'x'", "f'x'", "'\\x41'", "'\\u00e9'", "'\\N{BULLET}'", "# c", "3 # c", "\n3", "\n 3", "3\n4", "(1,\n2)", "- 3", "--3", "-(3)", "+ 3.5", "1_0.5", "1.5e1_0", "0.1+0.2", "[0.1, 0.2]", "(\"A\", 3)", "('A',3)", "('A', 3)", "'A', 3", "{'T': 1, 'A': 2, 'C': 2, 'G': 1}", "{\"T\": 1}", "12345678901234567890123", "1e400", "-1e400", "9" * 30, "0.0", "-0.0", "'False'", "0.00", "false", "FALSE", "1", "[]", "{}", "()", "'{}'", "b''", "'\\''", "\"'\"", "'\\\\'", "  'x'", "\t'x'", "'x' ", "x y", "a.b", "f(1)", "[1][0]", "1 if 1 else 2", "lambda: 1", "{**{}}", "{[1]: 2}", "{[1]}", "((((1))))", "[" * 50 + "]" * 50, "-True", "+1j", "1+-2j", "2j+1", "1-2j"]
def variants(t):
    e = t['expected_output_python_str']; r = t['expected_output_python_repr']
    out = [e, r, ' ' + e, e + ' ', e.lower(), e.upper(), "'" + e + "'", '"' + e + '"', "[" + e + "]", "(" + r + ",)", r.replace(' ', ''), r.replace("'", '"')]
    try:
        f = float(e)
        out += [str(int(f)), str(round(f, 2)), str(round(f, 1)), "%.2f" % f, "%.3f" % f, repr(f + 0.5), str(-f), str(int(f) + 1), "%d.99" % int(f), "%e" % f, str(f) + "0"]
    except ValueError:
        pass
    return out
# random insertions/deletions of tokenizer-relevant pieces into str(expected) / repr(expected)
TOKS = ["'", '"', "'''", '"""', "\\", "\\\\", "u", "r", "b", "f", "rb", "U", " ", "\t", "\n", "\r\n", "#", "(", ")",
        "[", "]", "{", "}", ",", ":", "_", "0x", "0o", "0b", "j", "J", "+", "-", "e", "E", ".", "..", "\\x41", "\\x4",
        "\\N{BULLET}", "\\u00e9", "\\U0001F600", "\\777", "\\q", "0", "1", "9", "00", "\u00e9", "\u00a0", "\u3000",
        "\u0661", "True", "None", "set()", "inf", "nan", "\\\n", "\x0c", "\x0b", ";", "=", "*", "**", "@", "~", "not",
        "if", "else", "and", "lambda"]
def mutations(t, n=120):
    seeds = [t['expected_output_python_str'], t['expected_output_python_repr']]
    out = []
    for _ in range(n):
        s = random.choice(seeds)
        for _ in range(random.randint(1, 3)):
            i = random.randint(0, len(s))
            op = random.random()
            if op < 0.6:
                s = s[:i] + random.choice(TOKS) + s[i:]
            elif op < 0.8 and s:
                s = s[:i] + s[i + 1:]
            else:
                s = random.choice(TOKS) + s + random.choice(TOKS)
        out.append(s)
    return out
cases = []
for t in tasks:
    # rebuild the expected value like upstream (tuple, dict, float exact)
    exp = ast.literal_eval(t['expected_output_python_repr'])
    answers = list(dict.fromkeys(variants(t) + base + [random.choice(base) + random.choice(base) for _ in range(20)]
                                 + mutations(t)))
    verdicts = {}
    for a in answers:
        try:
            verdicts[a] = bool(Task(exp).check_answer(a))
        except Exception as ex:
            verdicts[a] = "EXC:" + type(ex).__name__
    cases.append({"name": t['name'], "answers": verdicts})
json.dump(cases, open(sys.argv[2], 'w'), indent=0)
print(sum(len(c['answers']) for c in cases), "cases;", sum(1 for c in cases for v in c['answers'].values() if v is True), "true")
