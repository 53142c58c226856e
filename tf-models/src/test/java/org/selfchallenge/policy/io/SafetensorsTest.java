package org.selfchallenge.policy.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafetensorsTest {
    @TempDir
    Path dir;

    @Test
    void halfPrecisionConversions() {
        // IEEE-754 / bfloat16 bit patterns, by hand
        assertEquals(1.0f, DType.bf16ToFloat((short) 0x3F80));
        assertEquals(-2.0f, DType.bf16ToFloat((short) 0xC000));
        assertEquals((short) 0x3F80, DType.floatToBf16(1.0f));
        assertEquals((short) 0x3F80, DType.floatToBf16(1.00390625f)); // 1 + 2^-8: tie, rounds to even
        // 1 + 3*2^-8 lies halfway between 0x3F81 (1 + 2^-7) and 0x3F82 (1 + 2^-6): ties go to the even pattern
        assertEquals((short) 0x3F82, DType.floatToBf16(1.01171875f));
        assertEquals(1.0f, DType.f16ToFloat((short) 0x3C00));
        assertEquals(65504f, DType.f16ToFloat((short) 0x7BFF));
        assertEquals(0x1p-24f, DType.f16ToFloat((short) 0x0001));
        assertEquals(-0.5f, DType.f16ToFloat((short) 0xB800));
        assertEquals(Float.POSITIVE_INFINITY, DType.f16ToFloat((short) 0x7C00));
        assertEquals((short) 0x3C00, DType.floatToF16(1.0f));
        assertEquals((short) 0x7BFF, DType.floatToF16(65504f));
        assertEquals((short) 0x0001, DType.floatToF16(0x1p-24f));
        assertEquals((short) 0x3555, DType.floatToF16(1f / 3));
    }

    @Test
    void writeReadAllDtypes() throws Exception {
        TensorData t = new TensorData("w", new long[]{2, 3}, new float[]{0f, 1f, -2f, 0.5f, 3.25f, -0.125f});
        for (DType d : DType.values()) {
            Path f = dir.resolve(d + ".safetensors");
            Safetensors.write(f, List.of(t), d, Map.of("format", "pt"));
            Map<String, TensorData> r = Safetensors.read(f);
            assertArrayEquals(new long[]{2, 3}, r.get("w").shape());
            assertArrayEquals(t.data(), r.get("w").data(), 0f, d.name()); // all exactly representable
            // header length is a multiple of 8 and the data section is exactly 6 elements
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
            long h = b.getLong(0);
            assertEquals(0, h % 8);
            assertEquals(8 + h + 6L * d.bytes, Files.size(f));
        }
    }

    @Test
    void corruptFilesGiveClearErrors() throws Exception {
        Path tiny = dir.resolve("tiny.safetensors");
        Files.write(tiny, new byte[]{1, 2, 3});
        assertTrue(assertThrows(IOException.class, () -> Safetensors.read(tiny)).getMessage().contains("shorter"));
        Path badLen = dir.resolve("len.safetensors");
        Files.write(badLen, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array());
        assertTrue(assertThrows(IOException.class, () -> Safetensors.read(badLen)).getMessage().contains("header length"));
        Path badOff = dir.resolve("off.safetensors");
        byte[] hdr = "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}".getBytes(StandardCharsets.UTF_8);
        ByteBuffer bb = ByteBuffer.allocate(8 + hdr.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        bb.putLong(hdr.length).put(hdr);
        Files.write(badOff, bb.array());
        assertTrue(assertThrows(IOException.class, () -> Safetensors.read(badOff)).getMessage().contains("data_offsets"));
        Path badType = dir.resolve("type.safetensors");
        byte[] h2 = "{\"w\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}".getBytes(StandardCharsets.UTF_8);
        ByteBuffer b2 = ByteBuffer.allocate(8 + h2.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        b2.putLong(h2.length).put(h2);
        Files.write(badType, b2.array());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Safetensors.read(badType)).getMessage()
                .contains("unsupported dtype I64"));
    }

    @Test
    void unneededTensorsAreSkippedWhateverTheirDtype() throws Exception {
        byte[] h = ("{\"pos\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}").getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).putLong(7L).putFloat(1.5f).putFloat(-2f);
        Path f = dir.resolve("mixed.safetensors");
        Files.write(f, b.array());
        assertArrayEquals(new float[]{1.5f, -2f}, Safetensors.read(f, java.util.Set.of("w")).get("w").data(), 0f);
        assertThrows(IllegalArgumentException.class, () -> Safetensors.read(f));
    }
}
