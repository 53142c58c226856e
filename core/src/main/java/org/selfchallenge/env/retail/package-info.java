/**
 * τ-bench retail, ported tool by tool from {@code sierra-research/tau-bench}
 * ({@code tau_bench/envs/retail}, MIT, © 2024 Sierra): one class per upstream tool, named like the
 * upstream class, {@link org.selfchallenge.env.retail.RetailEnvironment} listing them in
 * {@code ALL_TOOLS} order. Semantics, quirks and error strings follow {@code docs/benchmarks.md} §1.4
 * and §4; conformance is tested against upstream replays of the train, dev and test splits.
 */
package org.selfchallenge.env.retail;
