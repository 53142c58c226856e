/**
 * Python values in Java and the CPython behaviour the benchmark ports must match bit for bit:
 * {@link org.selfchallenge.pyval.PyJson} ({@code json.loads}/{@code json.dumps}),
 * {@link org.selfchallenge.pyval.PyRepr} ({@code repr}/{@code str}, shortest float repr),
 * {@link org.selfchallenge.pyval.PyMath} (int/float arithmetic, exact comparisons, half-even
 * {@code round}), {@link org.selfchallenge.pyval.PyHash} (τ-bench {@code to_hashable} + sha256),
 * {@link org.selfchallenge.pyval.PyValues} (deep copy / freeze).
 *
 * <p>Type mapping: None = {@code null}, bool = {@link java.lang.Boolean}, int = {@link java.lang.Long}
 * ({@link java.math.BigInteger} when it does not fit), float = {@link java.lang.Double}, str =
 * {@link java.lang.String}, list = {@link java.util.List}, tuple = {@link org.selfchallenge.pyval.PyTuple},
 * dict = {@link java.util.LinkedHashMap} with String keys.
 */
package org.selfchallenge.pyval;
