package org.selfchallenge.spark.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.UncheckedIOException;

/**
 * The {@code lineage} column of a trajectory row (FORMATS.md): how the episode came about. The JSON
 * text is part of the Arrow format, so the field order and the escaping below are fixed.
 *
 * @param sparkPartition the partition that ran the episode; absent (not {@code null}) outside a Spark task
 */
@JsonPropertyOrder({"outcome", "policy", "task_id", "sample_index", "seed", "spark_partition"})
public record SampleLineage(String outcome, String policy, @JsonProperty("task_id") String taskId,
                            @JsonProperty("sample_index") int sampleIndex, long seed,
                            @JsonProperty("spark_partition") @JsonInclude(JsonInclude.Include.NON_NULL)
                            Integer sparkPartition) {

    private static final ObjectMapper JSON = JsonMapper.builder(new JsonFactoryBuilder()
            .characterEscapes(new FormatEscapes()).build()).build();

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SampleLineage fromJson(String json) {
        try {
            return JSON.readValue(json, SampleLineage.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The escaping the format has always had: {@code \"}, {@code \\}, {@code \n}, {@code \r}, {@code \t},
     * other control characters as lower-case {@code \}{@code u00xx}, everything else (non-ASCII, {@code /},
     * DEL) as is. Jackson's defaults differ for {@code \b}, {@code \f} and the case of the hex digits.
     */
    private static final class FormatEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private static final int[] ASCII = new int[128];

        static {
            for (int c = 0; c < 0x20; c++) {
                ASCII[c] = ESCAPE_CUSTOM;
            }
            ASCII['\n'] = 'n';
            ASCII['\r'] = 'r';
            ASCII['\t'] = 't';
            ASCII['"'] = '"';
            ASCII['\\'] = '\\';
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ASCII.clone();
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch < 0x20 ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }
}
