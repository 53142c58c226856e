package org.selfchallenge.io;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a UTF-8 input file (JSON lines), each either its text or what is wrong with it: longer than
 * the cap (counted, never buffered whole, so a 50 MB line costs no 100 MB string) or not valid UTF-8 (the
 * first bad byte and its offset). A reader that decodes the whole stream fails on the first bad byte and
 * loses every later line; this one fails only that line. Lines end at {@code \n}; a trailing {@code \r}
 * is dropped.
 */
public final class InputLines implements Closeable {
    /** 4 MiB: a task text at its 200k-character cap is at most 1.2 MB as JSON (\\uXXXX escapes). */
    public static final int DEFAULT_MAX_LINE_BYTES = 4 << 20;

    /** One line: {@code text} when usable, else {@code problem} (reads after "line N is ..."). */
    public record Line(int number, String text, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    private final InputStream in;
    private final int maxBytes;
    private byte[] buf = new byte[8192];
    private int lineNo;
    private boolean eof;

    public InputLines(InputStream in, int maxBytes) {
        this.in = new BufferedInputStream(in, 1 << 16);
        this.maxBytes = maxBytes;
    }

    /** The next line, or null at the end of the input. */
    public Line next() throws IOException {
        if (eof) {
            return null;
        }
        int len = 0;
        long total = 0;
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (total++ < maxBytes) {
                if (len == buf.length) {
                    buf = Arrays.copyOf(buf, Math.min(Math.max(16, buf.length * 2), maxBytes));
                }
                buf[len++] = (byte) b;
            }
        }
        if (b == -1) {
            eof = true;
            if (total == 0) {
                return null;
            }
        }
        lineNo++;
        if (total > maxBytes) {
            return new Line(lineNo, null, total + " bytes long, over the limit of " + maxBytes + " bytes");
        }
        if (len > 0 && buf[len - 1] == '\r') {
            len--;
        }
        return decode(lineNo, buf, len);
    }

    private static Line decode(int no, byte[] bytes, int len) {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer src = ByteBuffer.wrap(bytes, 0, len);
        CharBuffer out = CharBuffer.allocate(len);
        CoderResult r = dec.decode(src, out, true);
        if (!r.isError()) {
            r = dec.flush(out);
        }
        if (r.isError()) {
            int at = src.position();
            return new Line(no, null, String.format("not valid UTF-8 (byte 0x%02x at byte offset %d)", bytes[at] & 0xff, at));
        }
        out.flip();
        return new Line(no, out.toString(), null);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
