# Differential vectors for the calculation tools: runs the ORIGINAL tool functions (the part of each
# CodeAct tasks/impl/<domain>.py before CUR_TASK_NAME, read from the files given on the command line,
# not copied here) on JSON-representable arguments and records repr(result) or the exception.
#   cd code-act/scripts/eval/m3tooleval/tasks/impl && python3 gen_tool_vectors.py message_decoder=message_decoder.py \
#     cryptobotanists_plant_dna_sequencer=dna_sequencer.py trade_calculator=trade_calculator.py \
#     travel_itinerary_planning=travel_itinerary_planning.py tool_vectors.json   (Python 3.11.7, CodeAct d607f56)
import json, sys, random
files = dict(a.split('=', 1) for a in sys.argv[1:-1])
out_path = sys.argv[-1]
def load(path):
    src = open(path).read()
    src = src[:src.index('CUR_TASK_NAME = ')]
    src = '\n'.join(l for l in src.splitlines() if not l.startswith('from ..base'))
    ns = {}
    exec(src, ns)
    return ns
mods = {d: load(p) for d, p in files.items()}
mods['travel_itinerary_planning']['max'] = max
mods['travel_itinerary_planning']['min'] = min
mods['travel_itinerary_planning']['sum'] = lambda *args: sum(args)
TOOLS = {
 'message_decoder': ['convert_hex_to_ascii', 'reverse_string', 'caesar_decode', 'string_length', 'minimum_value', 'maximum_value'],
 'cryptobotanists_plant_dna_sequencer': ['count_nucleotides', 'transcribe_dna_to_mrna', 'translate_mrna_to_amino_acid', 'find_max_nucleotide', 'is_valid_dna_sequence', 'reverse_transcribe_mrna_to_dna'],
 'trade_calculator': ['convert_currency', 'calculate_tariff', 'estimate_final_value', 'calculator', 'find_minimum', 'find_maximum'],
 'travel_itinerary_planning': ['find_flights', 'book_hotel', 'budget_calculator', 'max', 'min', 'sum'],
}
random.seed(11)
atoms = ["", "A", "AUG", "AGCT", "acgt", "UUUC", "Hello, World!", "4869", "48 69", "4g", "ff", "c3a9", "7a686b", "\u00e9t\u00e9", "Zz", "E", "\"E\"", "\"A\"", "B", "X", "2023-11-10", "2023-12-25", "wifi", "pool", "gym", "3", "-2",
         0, 1, 2, 3, -1, 26, 27, 100, 10**20, 1.5, 0.1, 2.5, -0.0, 7.5, 1e308, True, False, None, [], [1, 2], ["A", "C"], [3, 1.5], {"a": 1}]
exprs = ["2 + (3 * 4)", "1/3", "2/3*3", "10 // 3", "-10 // 3", "10 % -3", "-7.5 // 2", "7.5 % 2", "2 ** 0.5", "(-8) ** 2", "2 ** 100", "2 ** -2", "0 ** 0", "0.0 ** -1", "1 / 0", "1 // 0", "5 % 0", "1e308 * 10", "10 ** 400 * 1.0", "3 * 'ab'", "'a' + 'b'", "[1] * 3", "[1, 2] + [3]", "(1, 2)", "()", "{}", "{'a': 1}", "{1, 2}", "True + True", "not 0", "1 < 2 < 3", "1 < 2 > 5", "3 if 0 else 4", "1 and 0", "0 or 'x'", "abs(-2.5)", "round(2.675, 2)", "round(0.5)", "round(1.5)", "round(-2.5)", "round(1234, -2)", "round(1250, -2)", "max(1, 2, 3)", "max([4, 5])", "min(3, 1.0, 1)", "sum([1, 2, 3])", "sum([0.1] * 10)", "sum([1, 2], 10)", "pow(2, 10)", "int('12')", "int(3.9)", "int(-3.9)", "float('1e3')", "float('inf')", "len('abc')", "divmod(7, 2)", "divmod(-7, 2.0)", "bool([])", "100 * 1.1", "1_000 + 1", "0x10 + 0o10 + 0b10", "1e3", ".5 + 1.", "-(-3)", "~5", "5 & 3 | 8 ^ 1", "1 << 10", "-1 >> 1", "[1, 2][-1]", "'abc'[1]", "{'a': 2}['a']", "convert_currency(100, 1.5)", "calculate_tariff(200, 5)", "estimate_final_value(1, 2.5)", "find_minimum(3, 2, 1)", "find_maximum(1.5, 2)", "calculator('1+1')", "calculator(5)", "  1 + 1", "1 +", "abc", "", " ", "1 2", "(1,", "print(1)", "x = 1", "import os", "__import__('os')", "3.14159 * 2 ** 2", "36380.0 + 48150.0", "75556.8 + 57240.0", "0.1 + 0.2 == 0.3", "1 == 1.0", "'a' < 'b'", "[1, 2] < [1, 3]", "1 < 'a'", "None", "True", "1_0", "1__0", "01", "00", "1e", "1j", "4 / 2", "7 // 2.0", "2 ** 3 ** 2", "-2 ** 2", "(-2) ** 0.5", "10 / 4 * 2", "100 - 99.99", "123456789 * 987654321", "2 ** 63", "-2 ** 63 - 1", "9007199254740993 / 1", "10 ** 20 / 3", "1 / 3 + 1 / 3 + 1 / 3", "round(1e20)", "round(2.5, 0)", "round(-0.0)", "abs(-0.0)", "max([])", "min()", "sum('ab')", "sum([[1], [2]], [])", "int('1e3')", "float('abc')", "'%d' % 5", "f'{1}'", "[x for x in [1]]", "lambda: 1", "(1).real", "[1, 2][0:1]"]
def record(dom, tool, args):
    f = mods[dom][tool]
    try:
        r = f(*args)
        return {"repr": repr(r)}
    except Exception as e:
        return {"exc": type(e).__name__, "msg": str(e)}
cases = []
for dom, tools in TOOLS.items():
    for tool in tools:
        argsets = set()
        for _ in range(60):
            n = random.choice([0, 1, 1, 2, 2, 3, 3, 4])
            args = [random.choice(atoms) for _ in range(n)]
            key = json.dumps(args)
            if key in argsets:
                continue
            argsets.add(key)
            cases.append({"domain": dom, "tool": tool, "args": args, **record(dom, tool, args)})
for e in exprs:
    cases.append({"domain": "trade_calculator", "tool": "calculator", "args": [e], **record("trade_calculator", "calculator", [e])})
json.dump(cases, open(out_path, 'w'), indent=0)
print(len(cases), "cases")
