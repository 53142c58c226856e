package org.selfchallenge.spark.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfchallenge.spark.SharedSparkSession;

import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A driver-written table reads back through Spark SQL, and through a plain Parquet reader, as written. */
class DriverTableTest extends SharedSparkSession {
    private static final StructType SCHEMA = new StructType()
            .add("env", DataTypes.StringType, true)
            .add("round", DataTypes.IntegerType, false)
            .add("count", DataTypes.LongType, false)
            .add("share", DataTypes.DoubleType, true)
            .add("kept", DataTypes.BooleanType, true);

    @TempDir
    java.nio.file.Path dir;

    @Test
    void sparkSqlReadsTheRowsAndTypes() throws IOException {
        Path table = new Path(dir.resolve("report").toUri());
        List<Row> rows = List.of(RowFactory.create("retail", 1, 19_000L, 0.95, false),
                RowFactory.create(null, 1, 1_000L, null, null));
        DriverTable.write(new Configuration(), table, SCHEMA, rows);

        var read = spark().read().parquet(table.toString());
        // Spark reads every file column as nullable; names and types are those written.
        assertEquals(SCHEMA.asNullable(), read.schema());
        assertEquals("[[retail,1,19000,0.95,false], [null,1,1000,null,null]]", read.collectAsList().toString());
        assertEquals(1L, spark().read().parquet(table.toString()).filter("share IS NULL AND count = 1000").count());
    }

    @Test
    void theFileHoldsPlainParquetTypesAndSparksSchema() throws IOException {
        Path table = new Path(dir.resolve("plain").toUri());
        DriverTable.write(new Configuration(), table, SCHEMA, List.of(RowFactory.create("a", 0, 0L, 0.0, true)));
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(table, DriverTable.FILE),
                new Configuration()))) {
            FileMetaData meta = r.getFooter().getFileMetaData();
            assertEquals("""
                    message spark_schema {
                      optional binary env (STRING);
                      required int32 round;
                      required int64 count;
                      optional double share;
                      optional boolean kept;
                    }
                    """, meta.getSchema().toString());
            assertEquals(SCHEMA.json(), meta.getKeyValueMetaData().get(DriverTable.SPARK_SCHEMA_KEY));
            assertEquals(1, r.getRecordCount());
        }
    }

    @Test
    void badRowsAndTypesFailBeforeAnythingIsWritten() {
        File out = dir.resolve("bad").toFile();
        Path table = new Path(out.toURI());
        IllegalArgumentException nul = assertThrows(IllegalArgumentException.class, () -> DriverTable.write(
                new Configuration(), table, SCHEMA, List.of(RowFactory.create("a", null, 0L, 0.0, true))));
        assertTrue(nul.getMessage().contains("non-nullable column round"), nul.getMessage());
        StructType arrays = new StructType().add("ids", DataTypes.createArrayType(DataTypes.StringType));
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> DriverTable.write(
                new Configuration(), table, arrays, List.of()));
        assertEquals("column ids: type array<string> is not supported (string, int, bigint, double, boolean)",
                type.getMessage());
        assertFalse(out.exists() && Arrays.stream(out.list()).anyMatch(n -> n.endsWith(".parquet")));
    }
}
