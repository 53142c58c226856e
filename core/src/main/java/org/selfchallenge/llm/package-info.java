/**
 * Chat-model backends behind {@link org.selfchallenge.llm.ChatModel}: {@link org.selfchallenge.llm.OpenAiChatModel}
 * for OpenAI-compatible servers ({@code openai:URL#model[;options]}, see {@link org.selfchallenge.llm.OpenAiConfig}),
 * and, through {@link org.selfchallenge.llm.ChatModelProvider} + ServiceLoader ({@link org.selfchallenge.llm.ChatModels}),
 * the TF Java policy of the {@code tf-models} module for checkpoint directories. Test doubles live in test sources.
 */
package org.selfchallenge.llm;
