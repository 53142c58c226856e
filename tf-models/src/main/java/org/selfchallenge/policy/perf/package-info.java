/**
 * Throughput of the policy ({@code run.sh bench model}): {@link org.selfchallenge.policy.perf.ModelBench}
 * (training step, prefill and decode at several sizes, against the device's measured peak) and its decode
 * part, {@code DecodeBench}; {@code PeerBench} ({@code --peer}) runs them interleaved with PyTorch through
 * {@code torch_peer.py}, a resource beside it.
 */
package org.selfchallenge.policy.perf;
