/**
 * Throughput of the policy ({@code run.sh bench model}): {@link org.selfchallenge.policy.perf.ModelBench}
 * (training step, prefill and decode at several sizes, against the device's measured peak) and its decode
 * part, {@code DecodeBench}.
 */
package org.selfchallenge.policy.perf;
