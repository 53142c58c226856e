package org.selfchallenge.spark.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small table the driver already holds (a report of a few dozen rows), written by the driver as one
 * Snappy Parquet file through the Hadoop FileSystem API. A Spark job for it cost 40-60 ms of planning and
 * scheduling per stage on 2 cores, for rows that never were on an executor.
 *
 * <p>Flat schemas of strings, ints, longs, doubles and booleans, as Spark's writer would store them:
 * nullable columns optional, the others required, and Spark's own schema in the footer. Spark SQL reads
 * the table back with {@code schema}'s names and types (as nullable, like every file it reads); other
 * Parquet readers see the plain Parquet types.
 */
public final class DriverTable {
    /** The footer key under which Spark's Parquet writer keeps the Spark schema (JSON). */
    static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";
    /** The file's name inside the table directory. */
    public static final String FILE = "part-00000.snappy.parquet";

    private DriverTable() {
    }

    /**
     * Writes {@code rows} to {@code dir}/{@value #FILE}; {@code dir} is created and must not hold the file yet.
     *
     * @throws IllegalArgumentException for a column type other than string, int, long, double, boolean,
     *                                  or a null in a non-nullable column (before anything is written)
     */
    public static void write(Configuration conf, Path dir, StructType schema, List<Row> rows) throws IOException {
        MessageType parquet = parquetSchema(schema);
        StructField[] fields = schema.fields();
        for (Row r : rows) {
            for (int i = 0; i < fields.length; i++) {
                if (r.isNullAt(i) && !fields[i].nullable()) {
                    throw new IllegalArgumentException("null in non-nullable column " + fields[i].name() + ": " + r);
                }
            }
        }
        SimpleGroupFactory groups = new SimpleGroupFactory(parquet);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(new Path(dir, FILE), conf))
                .withType(parquet).withCompressionCodec(CompressionCodecName.SNAPPY)
                .withExtraMetaData(Map.of(SPARK_SCHEMA_KEY, schema.json())).build()) {
            for (Row r : rows) {
                Group g = groups.newGroup();
                for (int i = 0; i < fields.length; i++) {
                    if (!r.isNullAt(i)) {
                        append(g, fields[i], r.get(i));
                    }
                }
                w.write(g);
            }
        }
    }

    private static void append(Group g, StructField f, Object v) {
        DataType t = f.dataType();
        if (t.equals(DataTypes.StringType)) {
            g.append(f.name(), (String) v);
        } else if (t.equals(DataTypes.IntegerType)) {
            g.append(f.name(), (Integer) v);
        } else if (t.equals(DataTypes.LongType)) {
            g.append(f.name(), (Long) v);
        } else if (t.equals(DataTypes.DoubleType)) {
            g.append(f.name(), (Double) v);
        } else {
            g.append(f.name(), (Boolean) v);
        }
    }

    /** The Parquet schema Spark's writer would give {@code schema}: optional for nullable, required otherwise. */
    private static MessageType parquetSchema(StructType schema) {
        List<Type> cols = new ArrayList<>();
        for (StructField f : schema.fields()) {
            Types.PrimitiveBuilder<PrimitiveType> b;
            DataType t = f.dataType();
            if (t.equals(DataTypes.StringType)) {
                b = Types.primitive(PrimitiveTypeName.BINARY, repetition(f)).as(LogicalTypeAnnotation.stringType());
            } else if (t.equals(DataTypes.IntegerType)) {
                b = Types.primitive(PrimitiveTypeName.INT32, repetition(f));
            } else if (t.equals(DataTypes.LongType)) {
                b = Types.primitive(PrimitiveTypeName.INT64, repetition(f));
            } else if (t.equals(DataTypes.DoubleType)) {
                b = Types.primitive(PrimitiveTypeName.DOUBLE, repetition(f));
            } else if (t.equals(DataTypes.BooleanType)) {
                b = Types.primitive(PrimitiveTypeName.BOOLEAN, repetition(f));
            } else {
                throw new IllegalArgumentException("column " + f.name() + ": type " + t.simpleString()
                        + " is not supported (string, int, bigint, double, boolean)");
            }
            cols.add(b.named(f.name()));
        }
        return new MessageType("spark_schema", cols);
    }

    private static Type.Repetition repetition(StructField f) {
        return f.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
    }
}
