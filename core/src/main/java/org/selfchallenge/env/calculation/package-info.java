/**
 * M3ToolEval's calculation domains (CodeAct {@code scripts/eval/m3tooleval/tasks/impl}, MIT, © 2024
 * Xingyao Wang): message_decoder, cryptobotanists_plant_dna_sequencer, trade_calculator and
 * travel_itinerary_planning, 24 tools, one class each, ported with their exact Python behaviour.
 *
 * <ul>
 *   <li>{@link org.selfchallenge.env.calculation.CalculationEnvironment}: {@code load()} gives all 24
 *       tools (what {@code Environments.load("calculation")} returns); {@code forDomain(id)} gives the
 *       view an M3ToolEval task sees (its domain's 6 tools, upstream order).</li>
 *   <li>Tools take and return Python values (see {@link org.selfchallenge.env.Environment}) and raise
 *       {@link org.selfchallenge.pyval.PyException} (a {@link org.selfchallenge.env.ToolException}) with
 *       CPython's exception type and text where upstream raises: binding errors
 *       ({@code f() missing 1 required positional argument: 'x'}), TypeErrors of mixed types,
 *       ValueErrors of {@code bytes.fromhex}, UnicodeDecodeError, unsupported travel locations, ...</li>
 *   <li>Calling conventions: {@code callPositional(tool, args)} is Python's {@code tool(*args)};
 *       {@link org.selfchallenge.env.Environment#call} takes keyword arguments by the real Python parameter
 *       names, with a varargs tool's extra positionals as a list under its varargs name
 *       ({@code {"args": [3, 1, 2]}}, {@code {"location": "B", "preferences": ["gym"]}}).</li>
 *   <li>The tool protocol strings (unknown tool, failed execution, truncation) live with the benchmark
 *       protocol in {@link org.selfchallenge.bench.m3.M3Protocol}.</li>
 * </ul>
 *
 * <p>Quirks kept: {@code convert_hex_to_ascii} applies {@code str()} first (an int argument decodes);
 * {@code caesar_decode} maps any Unicode upper/lower-case letter into A–Z/a–z; {@code find_max_nucleotide}
 * drops an odd trailing key and keeps the first maximum; the travel domain's {@code max}/{@code min} are
 * the builtins (a single argument is iterated) while {@code minimum_value} etc. take {@code min(args)};
 * {@code sum} adds sequentially (Python ≤ 3.11). Not reproduced: aliasing of the travel tables (upstream
 * returns its own dicts, we return copies), and the calculator limits listed in
 * {@link org.selfchallenge.pyval.expr.PyEvaluator}. Behaviour was checked against the original functions
 * on 1372 recorded calls (test resource {@code tool_vectors.json}).
 */
package org.selfchallenge.env.calculation;
