package org.selfchallenge.policy.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors format: an 8-byte little-endian header length N, N bytes of JSON
 * ({@code name -> {dtype, shape, data_offsets:[begin,end]}}, optional {@code __metadata__}), then the raw
 * little-endian data. Tensor regions are memory-mapped one at a time so multi-GB shards need no extra copy.
 */
public final class Safetensors {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Headers larger than this are treated as corrupt (upstream uses 100 MB). */
    private static final long MAX_HEADER_BYTES = 100L << 20;
    private static final int ALIGN = 8;

    private Safetensors() {
    }

    /** Reads every tensor of one file, converting to float32. */
    public static Map<String, TensorData> read(Path file) throws IOException {
        return read(file, null);
    }

    /** The tensors' shapes from the header alone (no data is read). */
    public static Map<String, long[]> shapes(Path file) throws IOException {
        Map<String, long[]> out = new LinkedHashMap<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            JsonNode header = header(ch, file).json();
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode shape = e.getValue().path("shape");
                if (!e.getKey().equals("__metadata__") && shape.isArray()) {
                    long[] dims = new long[shape.size()];
                    for (int i = 0; i < dims.length; i++) {
                        dims[i] = shape.get(i).asLong();
                    }
                    out.put(e.getKey(), dims);
                }
            }
        }
        return out;
    }

    /** A file's header and where its data begins. */
    private record Header(JsonNode json, long dataStart) {
    }

    private static Header header(FileChannel ch, Path file) throws IOException {
        long fileSize = ch.size();
        if (fileSize < 8) {
            throw new IOException(file + ": not a safetensors file (shorter than 8 bytes)");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, lenBuf, 0);
        long headerLen = lenBuf.getLong(0);
        if (headerLen <= 0 || headerLen > MAX_HEADER_BYTES || 8 + headerLen > fileSize) {
            throw new IOException(file + ": corrupt safetensors header length " + headerLen);
        }
        ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
        readFully(ch, hb, 8);
        try {
            return new Header(JSON.readTree(new String(hb.array(), StandardCharsets.UTF_8)), 8 + headerLen);
        } catch (IOException e) {
            throw new IOException(file + ": corrupt safetensors header JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the tensors named in {@code wanted} (all when null), converting to float32; other tensors are
     * skipped unread, whatever their dtype (checkpoints may carry buffers such as I64 position ids).
     */
    public static Map<String, TensorData> read(Path file, java.util.Set<String> wanted) throws IOException {
        Map<String, TensorData> out = new LinkedHashMap<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Header h = header(ch, file);
            JsonNode header = h.json();
            long dataStart = h.dataStart();
            long dataSize = ch.size() - dataStart;
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("__metadata__") || (wanted != null && !wanted.contains(e.getKey()))) {
                    continue;
                }
                out.put(e.getKey(), readTensor(ch, file, e.getKey(), e.getValue(), dataStart, dataSize));
            }
        }
        return out;
    }

    private static TensorData readTensor(FileChannel ch, Path file, String name, JsonNode info, long dataStart,
                                         long dataSize) throws IOException {
        DType dt = DType.parse(info.path("dtype").asText(), name);
        JsonNode shapeNode = info.path("shape");
        long[] shape = new long[shapeNode.size()];
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asLong();
            n *= shape[i];
        }
        JsonNode off = info.path("data_offsets");
        long begin = off.path(0).asLong(-1);
        long end = off.path(1).asLong(-1);
        if (begin < 0 || end < begin || end > dataSize || end - begin != n * dt.bytes) {
            throw new IOException(file + ": tensor '" + name + "' has inconsistent data_offsets [" + begin + ", "
                    + end + "] for shape " + shapeNode + " " + dt + " (data section " + dataSize + " bytes)");
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IOException(file + ": tensor '" + name + "' too large for one Java array: " + n);
        }
        float[] data = new float[(int) n];
        MappedByteBuffer mb = ch.map(FileChannel.MapMode.READ_ONLY, dataStart + begin, end - begin);
        mb.order(ByteOrder.LITTLE_ENDIAN);
        switch (dt) {
            case F32 -> mb.asFloatBuffer().get(data);
            case BF16 -> {
                for (int i = 0; i < data.length; i++) {
                    data[i] = DType.bf16ToFloat(mb.getShort(2 * i));
                }
            }
            case F16 -> {
                for (int i = 0; i < data.length; i++) {
                    data[i] = DType.f16ToFloat(mb.getShort(2 * i));
                }
            }
        }
        return new TensorData(name, shape, data);
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int r = ch.read(b, pos + b.position());
            if (r < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    /** Writes tensors in the given order to one file, converted to {@code dtype}. Returns the data bytes. */
    public static long write(Path file, Collection<TensorData> tensors, DType dtype, Map<String, String> metadata)
            throws IOException {
        ObjectNode header = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode md = header.putObject("__metadata__");
            metadata.forEach(md::put);
        }
        long offset = 0;
        for (TensorData t : tensors) {
            ObjectNode o = header.putObject(t.name());
            o.put("dtype", dtype.name());
            var sh = o.putArray("shape");
            for (long s : t.shape()) {
                sh.add(s);
            }
            long len = t.size() * dtype.bytes;
            o.putArray("data_offsets").add(offset).add(offset + len);
            offset += len;
        }
        byte[] hjson = JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        int padded = (hjson.length + ALIGN - 1) / ALIGN * ALIGN;
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream os = Files.newOutputStream(tmp)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
            os.write(len.array());
            os.write(hjson);
            for (int i = hjson.length; i < padded; i++) {
                os.write(' ');
            }
            for (TensorData t : tensors) {
                writeData(os, t.data(), dtype);
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return offset;
    }

    private static void writeData(OutputStream os, float[] data, DType dtype) throws IOException {
        final int chunk = 1 << 16;
        ByteBuffer bb = ByteBuffer.allocate(chunk * dtype.bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < data.length; start += chunk) {
            bb.clear();
            int end = Math.min(data.length, start + chunk);
            for (int i = start; i < end; i++) {
                switch (dtype) {
                    case F32 -> bb.putFloat(data[i]);
                    case BF16 -> bb.putShort(DType.floatToBf16(data[i]));
                    case F16 -> bb.putShort(DType.floatToF16(data[i]));
                }
            }
            os.write(bb.array(), 0, bb.position());
        }
    }

    /** Splits tensors into shards of at most {@code maxShardBytes} (a tensor never spans shards). */
    public static List<List<TensorData>> shard(Collection<TensorData> tensors, DType dtype, long maxShardBytes) {
        List<List<TensorData>> shards = new ArrayList<>();
        List<TensorData> cur = new ArrayList<>();
        long bytes = 0;
        for (TensorData t : tensors) {
            long b = t.size() * dtype.bytes;
            if (!cur.isEmpty() && bytes + b > maxShardBytes) {
                shards.add(cur);
                cur = new ArrayList<>();
                bytes = 0;
            }
            cur.add(t);
            bytes += b;
        }
        if (!cur.isEmpty()) {
            shards.add(cur);
        }
        return shards;
    }
}
