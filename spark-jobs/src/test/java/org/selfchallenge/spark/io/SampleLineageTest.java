package org.selfchallenge.spark.io;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SampleLineageTest {
    @Test
    void writesTheFormatsFieldOrderAndNames() {
        assertEquals("{\"outcome\":\"answered\",\"policy\":\"round-0/init_policy/checkpoint/\",\"task_id\":\"calc-0001\","
                        + "\"sample_index\":3,\"seed\":-42,\"spark_partition\":1}",
                new SampleLineage("answered", "round-0/init_policy/checkpoint/", "calc-0001", 3, -42L, 1).toJson());
    }

    @Test
    void outsideASparkTaskThePartitionIsLeftOutAndNullStringsStayNull() {
        assertEquals("{\"outcome\":null,\"policy\":null,\"task_id\":\"t\",\"sample_index\":0,\"seed\":9223372036854775807}",
                new SampleLineage(null, null, "t", 0, Long.MAX_VALUE, null).toJson());
    }

    @Test
    void escapesOnlyQuotesBackslashesAndControlCharactersWithLowerCaseHex() {
        String awkward = "say \"hi\"\\ \n\r\t\b\f\u0000\u001f\u007f / é 日本 😀";
        assertEquals("{\"outcome\":\"say \\\"hi\\\"\\\\ \\n\\r\\t\\u0008\\u000c\\u0000\\u001f\u007f / é 日本 😀\","
                        + "\"policy\":\"p\",\"task_id\":\"t\",\"sample_index\":1,\"seed\":2}",
                new SampleLineage(awkward, "p", "t", 1, 2, null).toJson());
    }

    @Test
    void readsBackWhatItWrote() {
        String awkward = "say \"hi\"\\ \n\r\t\b\f\u0000\u001f\u007f / é 日本 😀";
        SampleLineage withPartition = new SampleLineage(awkward, "s3a://b/run/round-2/train/checkpoint", awkward, 7,
                Long.MIN_VALUE, 5);
        assertEquals(withPartition, SampleLineage.fromJson(withPartition.toJson()));
        SampleLineage driver = new SampleLineage(null, awkward, "", 0, 0, null);
        SampleLineage back = SampleLineage.fromJson(driver.toJson());
        assertEquals(driver, back);
        assertNull(back.sparkPartition());
    }
}
