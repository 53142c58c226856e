package org.selfchallenge.env.calculation;

import org.selfchallenge.pyval.PyException;

/** CPython's strict UTF-8 decoder, with its UnicodeDecodeError texts and byte ranges. */
final class Utf8 {
    private Utf8() {
    }

    static String decodeStrict(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length);
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                sb.append((char) c);
                i++;
                continue;
            }
            int need;
            int lo = 0x80;
            int hi = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                if (c == 0xE0) {
                    lo = 0xA0;
                } else if (c == 0xED) {
                    hi = 0x9F;
                }
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                if (c == 0xF0) {
                    lo = 0x90;
                } else if (c == 0xF4) {
                    hi = 0x8F;
                }
            } else {
                throw error(b, i, i + 1, "invalid start byte");
            }
            int cp = c & (0x3F >> need);
            for (int k = 1; k <= need; k++) {
                if (i + k >= b.length) {
                    throw error(b, i, b.length, "unexpected end of data");
                }
                int d = b[i + k] & 0xFF;
                int l = k == 1 ? lo : 0x80;
                int h = k == 1 ? hi : 0xBF;
                if (d < l || d > h) {
                    throw error(b, i, i + k, "invalid continuation byte");
                }
                cp = (cp << 6) | (d & 0x3F);
            }
            sb.appendCodePoint(cp);
            i += need + 1;
        }
        return sb.toString();
    }

    private static PyException error(byte[] b, int start, int end, String reason) {
        String where = end - start == 1
                ? String.format("byte 0x%02x in position %d", b[start] & 0xFF, start)
                : "bytes in position " + start + "-" + (end - 1);
        return new PyException("UnicodeDecodeError", "'utf-8' codec can't decode " + where + ": " + reason);
    }
}
