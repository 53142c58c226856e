package org.selfchallenge.policy.chat;

import org.selfchallenge.llm.ChatModel;
import org.selfchallenge.llm.ChatModelProvider;
import org.selfchallenge.policy.io.HfCheckpoint;
import org.selfchallenge.policy.model.ModelOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * ServiceLoader entry for specs that are checkpoint directories ({@code DIR} or {@code tf:DIR}): a directory
 * with config.json, safetensors weights and tokenizer.json. Device from the system property
 * {@value #DEVICE_PROPERTY} (default /CPU:0), TF intra-op threads from {@value #THREADS_PROPERTY} (default 0 =
 * all processors; set it lower when several Spark tasks share one executor JVM).
 */
public final class TfChatModelProvider implements ChatModelProvider {
    public static final String DEVICE_PROPERTY = "selfchallenge.tf.device";
    public static final String THREADS_PROPERTY = "selfchallenge.tf.threads";

    @Override
    public Optional<ChatModel> open(String spec) {
        if (spec == null || spec.isBlank() || spec.startsWith("openai:")) {
            return Optional.empty();
        }
        String p = spec.startsWith("tf:") ? spec.substring(3) : spec;
        Path dir;
        try {
            dir = Path.of(p);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (!Files.isDirectory(dir) || !HfCheckpoint.looksLikeCheckpoint(dir)
                || !Files.isRegularFile(dir.resolve("tokenizer.json"))) {
            return Optional.empty();
        }
        try {
            ModelOptions o = new ModelOptions(System.getProperty(DEVICE_PROPERTY, ModelOptions.CPU),
                    Integer.getInteger(THREADS_PROPERTY, 0), ModelOptions.DEFAULT_INTER_OP);
            return Optional.of(TfChatModel.open(dir, o));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open checkpoint " + dir + ": " + e.getMessage(), e);
        }
    }
}
