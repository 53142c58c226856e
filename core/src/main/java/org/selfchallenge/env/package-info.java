/**
 * Environment SPI and the shared state machinery of the benchmark environments.
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>{@link org.selfchallenge.env.Environment}: what agents, the Code-as-Task sandbox and the
 *       reward see (tools, policy, {@code call}, {@code stateHash}, {@code fresh}).</li>
 *   <li>{@link org.selfchallenge.env.SharedTables}: the initial database ({@code {table: {id: record}}}),
 *       loaded once per JVM, deep-frozen, with each table's hash rendering cached.</li>
 *   <li>{@link org.selfchallenge.env.CowDatabase}: one instance's state = shared tables + private
 *       copies of the records it wrote. {@code fresh()} is one allocation; {@code hash()} streams
 *       cached bytes and re-renders only touched records.</li>
 *   <li>{@link org.selfchallenge.env.TauTool}, {@link org.selfchallenge.env.TauDomain},
 *       {@link org.selfchallenge.env.TauEnvironment}: the τ-bench conventions (tool order from
 *       {@code tools.json}, {@code "Unknown action X"}, {@code "Error: {str(e)}"}, wiki as policy).</li>
 *   <li>{@link org.selfchallenge.env.Environments}: name → environment, by reflection, cached.</li>
 * </ul>
 *
 * <h2>Adding a τ-bench-style environment (e.g. airline)</h2>
 * <ol>
 *   <li>Put the data in {@code core/src/main/resources/org/selfchallenge/data/taubench/NAME/}:
 *       {@code tools.json} (upstream order), {@code wiki.md}, one JSON file per table.</li>
 *   <li>Package {@code org.selfchallenge.env.NAME}: one class per tool implementing
 *       {@link org.selfchallenge.env.TauTool}, named like the upstream Python class (its name appears in
 *       argument-binding errors), with {@code parameters()} in the upstream {@code invoke} order.
 *       Read records with {@code db.read(table, id)} (never mutate them: they are shared and frozen);
 *       run every check first, in upstream order, then get private copies with
 *       {@code db.write(table, id)} and mutate those (re-fetch nested maps from the copy); add records
 *       with {@code db.insert}. Keep Python types: use {@link org.selfchallenge.pyval.PyMath} for
 *       int/float arithmetic, comparisons and {@code round}, {@link org.selfchallenge.pyval.PyJson#dumps}
 *       for {@code json.dumps}, {@link org.selfchallenge.pyval.PyRepr} for {@code str()}/{@code repr()}.
 *       Copy any caller-supplied list/dict before storing it ({@link org.selfchallenge.pyval.PyValues#deepCopy}).
 *       Raise Python exceptions as {@link org.selfchallenge.pyval.PyException} (message = {@code str(e)}).</li>
 *   <li>{@code NAMEEnvironment extends TauEnvironment}: a {@code static final TauDomain} loaded lazily
 *       (holder idiom) with {@link org.selfchallenge.env.TauDomain#load}, a constructor
 *       {@code (TauDomain, Map<String,TauTool>, CowDatabase)}, {@code create(db)} returning a new instance,
 *       and {@code public static Environment load()} returning an instance over
 *       {@code new CowDatabase(domain.data())}.</li>
 *   <li>Register the class name in {@link org.selfchallenge.env.Environments#CLASSES} (done for
 *       retail, airline, calculation, web).</li>
 *   <li>Tasks and the reward are generic: {@code org.selfchallenge.bench.tau}.</li>
 * </ol>
 * See {@code org.selfchallenge.env.retail} for a complete example.
 */
package org.selfchallenge.env;
