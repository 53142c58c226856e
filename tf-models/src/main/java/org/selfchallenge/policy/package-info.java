/**
 * The trainable policy: a Llama-family decoder (Llama, Qwen2, Mistral layouts) in TensorFlow Java graph mode.
 *
 * <h2>Sub-packages</h2>
 * <ul>
 *   <li>{@code config} — {@code LlamaConfig}: a Hugging Face {@code config.json} (GQA, head_dim,
 *       tie_word_embeddings, Qwen2 q/k/v biases, Llama attention_bias); {@code Rope}: rope_theta and llama3/linear/yarn
 *       scaling from either generation of the format ({@code rope_parameters} or {@code rope_theta} +
 *       {@code rope_scaling}), anything else refused by name.</li>
 *   <li>{@code io} — {@code Safetensors} read/write (F32/BF16/F16), {@code HfCheckpoint} (single file or sharded
 *       with {@code model.safetensors.index.json}, tokenizer side files).</li>
 *   <li>{@code model} — {@code LlamaGraph} (the ops), {@code LlamaModel} (session: logits, per-token log-probs,
 *       prefill + KV-cache decode steps, left-padded batches), {@code DecodeGraph} (the one-token step, built
 *       for few graph nodes), {@code ModelOptions} (device "/CPU:0" or "/GPU:0", threads), {@code RandomInit}.</li>
 *   <li>{@code tokenizer} — {@code PolicyTokenizer} (DJL HF tokenizers on {@code tokenizer.json}, stop ids),
 *       {@code ChatTemplate} (jinjava, configured like transformers' jinja2), {@code ConversationEncoder}
 *       (tokens + loss mask where only assistant-produced tokens are trainable, optionally the exact sampled
 *       tokens + sampler log-probs), {@code ByteLevelTokenizerFiles} (tokenizer for random checkpoints).</li>
 *   <li>{@code sample} — {@code Sampler} (temperature, top-k, top-p, seed), {@code Generator} (batched
 *       KV-cache generation with stop tokens/strings), {@code SplitMix64}.</li>
 *   <li>{@code loss} — one class per objective, formula in its Javadoc: {@code MaskedNllLoss} (SFT/RFT),
 *       {@code ReinforceLoss}, {@code PpoClipLoss} (+ k3 KL to a frozen reference), {@code GrpoLoss}.</li>
 *   <li>{@code train} — {@code PolicyTrainer}, {@code TrainConfig}, {@code TrainSequence}, {@code TrainMetrics},
 *       AdamW + clipping + accumulation ({@code TrainGraph}), {@code LrSchedule}, {@code TrainingCheckpoint};
 *       full fine-tuning or LoRA adapters ({@code model.Lora}).</li>
 *   <li>{@code chat} — {@code TfChatModel} (implements {@code org.selfchallenge.llm.ChatModel}, batched) and
 *       {@code TfChatModelProvider} (ServiceLoader; spec = checkpoint directory or {@code tf:DIR}).</li>
 * </ul>
 *
 * <h2>Training API (for the Spark train stage)</h2>
 * <pre>{@code
 * TrainConfig cfg = TrainConfig.builder().algorithm(Algorithm.GRPO).learningRate(1e-4).klCoef(0.02)
 *         .microBatchSize(8).warmupSteps(10).totalSteps(200).seed(7).device("/CPU:0").build();
 * try (PolicyTrainer t = PolicyTrainer.open(Path.of("ckpt/hf"), cfg)) {      // HF checkpoint dir
 *     for (List<TrainSequence> batch : batches) {
 *         TrainMetrics m = t.step(batch);       // one optimizer step; > microBatchSize sequences accumulate
 *         t.setDataCursor(t.dataCursor() + 1);  // your position in the data, saved with the checkpoint
 *     }
 *     t.saveCheckpoint(Path.of("ckpt/train"));  // weights + AdamW moments + step + RNG + data cursor
 *     t.exportHf(Path.of("ckpt/hf-out"));       // config.json, model.safetensors (config dtype), tokenizer files
 * }
 * try (PolicyTrainer t = PolicyTrainer.resume(Path.of("ckpt/train"))) { ... } // bit-identical continuation
 * }</pre>
 * {@code .lora(Lora.allProjections(16))} trains rank-16 adapters on a frozen base instead of every weight
 * ({@code model.Lora}); {@code exportHf} then writes the merged weights, {@code saveCheckpoint} the adapters
 * as PEFT files. {@code PolicyTrainer.open(baseDir, peftAdapterDir, cfg)} continues training an existing PEFT
 * LoRA adapter ({@code io.PeftAdapter}).
 * A {@link org.selfchallenge.policy.train.TrainSequence} is {@code tokens[L]}, {@code mask[L]} (true = token
 * produced by the policy, trained), {@code behaviourLogprobs[L]} (sampler log-prob of token i; needed by
 * PPO/GRPO; NaN = unknown, treated as on-policy), {@code reward}, {@code advantage} (NaN = computed by the
 * algorithm: REINFORCE/PPO r - batch mean, GRPO group-normalised) and {@code groupId} (GRPO groups = rollouts
 * of the same task). Build one from an episode with
 * {@code new ConversationEncoder(PolicyTokenizer.load(dir)).encode(messages, sampledPerMessage)}, where
 * {@code sampledPerMessage.get(i)} is {@code new ConversationEncoder.Sampled(completion.tokenIds(),
 * completion.logprobs())} for assistant message i (null elsewhere).
 *
 * <h2>Sampling from the policy being trained</h2>
 * {@code new TfChatModel(trainer.model(), PolicyTokenizer.load(dir), "tf:policy@step" + trainer.stepCount())}
 * shares the trainer's session (no save/load between RL steps). {@code TfChatModel.open(dir, options)} or the
 * ServiceLoader provider open a checkpoint directory. Completions carry token ids and the model's log-probs
 * (log softmax at temperature 1, unfiltered: what the trainer recomputes).
 *
 * Do not run {@code trainer.step} while that TfChatModel is generating (they share variables); alternate.
 *
 * <h2>Hyper-parameter note for tiny from-scratch policies</h2>
 * A fresh AdamW state makes the first update of every weight about {@code lr} in size (m/sqrt(v) = sign(g)),
 * whatever the gradient's magnitude. With N(0, 0.02^2) weights, RL after SFT needs lr around 1e-3..3e-3
 * (ChatRlIntegrationTest); 2e-2 collapsed the policy to uniform in one step.
 *
 * <h2>Random checkpoints</h2>
 * {@code RandomCheckpoint.write(configJson, dir, seed)} (= {@code model init}) writes weights ~ N(0, 0.02^2),
 * the byte-level tokenizer (ids 0..255 = bytes, 256 {@code <|endoftext|>}, 257 {@code <|im_start|>}, 258
 * {@code <|im_end|>}) and a ChatML template; vocab_size must be at least 259.
 *
 * <h2>Decode step cost (CPU)</h2>
 * A one-token step of a small model costs far more than its FLOPs: TF's executor and each kernel call take
 * ~1-2 us per graph node, a Session.run with the step's feeds and fetches ~0.03 ms ({@code bench model}'s
 * floor_ms), and at batch 1 the matrix products stream every weight from memory (matmul_only_ms). Hence
 * {@code DecodeGraph} (~50 nodes per layer instead of ~110; no per-step shape arithmetic or mask building;
 * Eigen LogSoftmax/Sigmoid instead of oneDNN Softmax/Swish, which hand tiny tensors to a second thread; for
 * models up to 64M duplicated weights, decode-only copies with q|k|v and gate|up fused and the RMSNorm weights
 * folded in). Code that assigns the weight variables other than through {@code LlamaModel.loadWeights} must
 * call {@code LlamaModel.weightsChanged()} afterwards ({@code PolicyTrainer} does), or decoding would keep
 * using the old copies. More intra-op threads do not help decoding ({@code --threads 1} was as fast or faster
 * on 2 shared cores). The K/V cache is kept in two parts ({@code KvCache}): a step feeds the main part unchanged
 * and grows only a recent block, merged into the main part every 32 steps, instead of copying the whole cache
 * each step (caches up to 16K floats per layer, where the copy is cheaper than the extra attention nodes, use
 * a one-concat variant of the graph). A fixed-capacity cache in resource variables would not avoid copies: ResourceStridedSliceAssign
 * and ResourceScatterUpdate switch a variable to copy-on-read, so every later read copies it whole.
 *
 * <h2>CLI</h2>
 * {@link org.selfchallenge.policy.cli.ModelCli}: {@code model init|logits|generate};
 * {@link org.selfchallenge.policy.perf.ModelBench}: {@code bench model}.
 */
package org.selfchallenge.policy;
