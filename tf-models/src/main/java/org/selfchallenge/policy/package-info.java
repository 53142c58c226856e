/**
 * The trainable policy: a Llama-family decoder (Llama, Qwen2, Mistral layouts) in TensorFlow Java graph mode.
 *
 * <h2>Sub-packages</h2>
 * <ul>
 *   <li>{@code config} — {@code LlamaConfig}: a Hugging Face {@code config.json}.</li>
 *   <li>{@code io} — safetensors read/write (single file and sharded index; F32/BF16/F16), HF checkpoint dirs.</li>
 *   <li>{@code model} — the graph ({@code LlamaGraph}) and an inference session ({@code LlamaModel}: logits,
 *       per-token log-probs, prefill + KV-cache decode, left-padded batches).</li>
 *   <li>{@code tokenizer} — {@code PolicyTokenizer} (DJL HF tokenizers on {@code tokenizer.json}),
 *       {@code ChatTemplate} (jinjava on {@code tokenizer_config.json}'s template), {@code ConversationEncoder}
 *       (tokens + loss mask where only assistant-produced tokens are trainable).</li>
 *   <li>{@code sample} — {@code Sampler} (temperature, top-k, top-p, seed) and {@code Generator}.</li>
 *   <li>{@code loss} — one class per objective, formula in its Javadoc.</li>
 *   <li>{@code train} — {@code PolicyTrainer}, {@code TrainConfig}, AdamW, schedules, training checkpoints.</li>
 *   <li>{@code chat} — {@code TfChatModel} / {@code TfChatModelProvider} (spec = checkpoint directory).</li>
 * </ul>
 *
 * <h2>Training API (for the Spark train stage)</h2>
 * <pre>{@code
 * TrainConfig cfg = TrainConfig.builder().algorithm(Algorithm.GRPO).learningRate(1e-4)
 *         .microBatchSize(8).seed(7).build();
 * try (PolicyTrainer t = PolicyTrainer.open(Path.of("ckpt/hf"), cfg)) {      // HF checkpoint dir
 *     for (List<TrainSequence> batch : batches) {
 *         TrainMetrics m = t.step(batch);       // one optimizer step; >microBatchSize sequences accumulate
 *         t.setDataCursor(t.dataCursor() + batch.size());
 *     }
 *     t.saveCheckpoint(Path.of("ckpt/train"));   // weights + AdamW moments + step + RNG + data cursor
 *     t.exportHf(Path.of("ckpt/hf-out"));       // config.json, model.safetensors, tokenizer files
 * }
 * try (PolicyTrainer t = PolicyTrainer.resume(Path.of("ckpt/train"))) { ... } // bit-identical continuation
 * }</pre>
 * A {@link org.selfchallenge.policy.train.TrainSequence} is {@code tokens[L]}, {@code mask[L]} (true = token
 * produced by the policy, trained), {@code behaviourLogprobs[L]} (sampler log-prob of token i, needed by
 * PPO/GRPO), {@code reward}, {@code advantage} (NaN = computed by the algorithm) and {@code groupId} (GRPO
 * groups = rollouts of the same task). Encode conversations with
 * {@code tokenizer.ConversationEncoder} to get tokens + mask from chat messages.
 *
 * <h2>CLI</h2>
 * {@code ModelCli}: {@code model init|logits|generate}; {@code ModelBench}: {@code bench model}.
 */
package org.selfchallenge.policy;
