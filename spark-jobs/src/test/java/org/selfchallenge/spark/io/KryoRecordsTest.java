package org.selfchallenge.spark.io;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import org.selfchallenge.spark.SharedSparkSession;
import org.selfchallenge.spark.component.TrainReport;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KryoRecordsTest extends SharedSparkSession {
    private record Nested(TrainReport report, String device, String[] gpus, SampleLineage lineage) {
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(SerializerInstance kryo, T value) {
        ClassTag<Object> any = ClassTag$.MODULE$.AnyRef();
        return (T) kryo.deserialize(kryo.serialize(value, any), any);
    }

    private static SerializerInstance kryo(boolean registered) {
        SparkConf conf = new SparkConf(false);
        if (registered) {
            conf.set("spark.kryo.registrator", KryoRecords.class.getName());
        }
        return new KryoSerializer(conf).newInstance();
    }

    @Test
    void kryoAloneCannotBuildARecordWhichIsWhyTheRegistratorExists() {
        assertThrows(RuntimeException.class,
                () -> roundTrip(kryo(false), new TrainReport("v", 1, 2, 3, 4, 5, 6)));
    }

    @Test
    void recordsKeepEveryComponentIncludingNullsNaNAndNestedRecords() {
        TrainReport report = new TrainReport(null, 3, 9_007_199_254_740_993L, Double.NaN, -0.0, Long.MAX_VALUE, 1.5);
        Nested n = new Nested(report, "/GPU:1", new String[]{"1", "3"},
                new SampleLineage("answered", null, "t\n\"é", 2, -1, null));
        Nested back = roundTrip(kryo(true), n);
        assertEquals(report, back.report());
        assertEquals(n.device(), back.device());
        assertArrayEquals(n.gpus(), back.gpus());
        assertEquals(n.lineage(), back.lineage());
        assertNull(roundTrip(kryo(true), new Nested(null, null, null, null)).report());
    }

    @Test
    void aRecordComesBackFromAnExecutorThroughTheSessionsKryo() {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark().sparkContext());
        List<TrainReport> got = jsc.parallelize(List.of(7), 1)
                .map(i -> new TrainReport("p", i, 2L * i, 0.25, 0.5, 3L * i, 1.0)).collect();
        assertEquals(List.of(new TrainReport("p", 7, 14, 0.25, 0.5, 21, 1.0)), got);
    }
}
