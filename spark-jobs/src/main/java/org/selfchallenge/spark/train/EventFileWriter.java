package org.selfchallenge.spark.train;

import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * TensorBoard event files: a TFRecord stream of {@code tensorflow.Event} protos (TF Java's generated
 * classes), starting with the {@code brain.Event:2} version record, then one scalar summary per point.
 * Point TensorBoard at the train stage's {@code events/} directory to see loss and reward curves.
 *
 * <p>TFRecord framing per record: {@code uint64 length (LE), uint32 masked_crc32c(length bytes), data,
 * uint32 masked_crc32c(data)} with {@code masked(c) = ((c >>> 15) | (c << 17)) + 0xa282ead8}.
 */
public final class EventFileWriter implements AutoCloseable {
    public static final String FILE_PREFIX = "events.out.tfevents.";
    private static final int MASK_DELTA = 0xa282ead8;
    private final OutputStream out;

    public EventFileWriter(Path dir, String suffix) throws IOException {
        Files.createDirectories(dir);
        out = Files.newOutputStream(dir.resolve(FILE_PREFIX + suffix));
        write(Event.newBuilder().setWallTime(System.currentTimeMillis() / 1000.0).setFileVersion("brain.Event:2").build());
    }

    public void scalar(String tag, long step, double value) {
        Summary s = Summary.newBuilder().addValue(Summary.Value.newBuilder().setTag(tag).setSimpleValue((float) value)).build();
        try {
            write(Event.newBuilder().setWallTime(System.currentTimeMillis() / 1000.0).setStep(step).setSummary(s).build());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void write(Event e) throws IOException {
        byte[] data = e.toByteArray();
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(data.length);
        out.write(len.array());
        out.write(le32(masked(len.array())));
        out.write(data);
        out.write(le32(masked(data)));
    }

    static int masked(byte[] b) {
        CRC32C c = new CRC32C();
        c.update(b);
        int crc = (int) c.getValue();
        return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
    }

    private static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
