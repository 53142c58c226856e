package org.selfchallenge.env.calculation;

import java.io.ByteArrayOutputStream;
import java.util.List;

import org.selfchallenge.pyval.PyException;
import org.selfchallenge.pyval.PyRepr;

/**
 * {@code convert_hex_to_ascii(hex_string)} = {@code bytes.fromhex(str(hex_string)).decode('utf-8')}.
 * {@code str()} first, so an int argument (text actions turn "414243" into an int) still decodes.
 * {@code fromhex} skips ASCII whitespace between byte pairs; errors name the offending position.
 */
public final class ConvertHexToAsciiTool extends PyTool {
    public static final String NAME = "convert_hex_to_ascii";

    public ConvertHexToAsciiTool() {
        super(NAME, "Converts a hexadecimal string to ASCII. Arguments: hex_string (str)",
                "convert_hex_to_ascii(hex_string: str) -> str", null, null, true, "hex_string", STRING);
    }

    @Override
    protected Object invoke(Object[] p, List<Object> extra) {
        return Utf8.decodeStrict(fromHex(PyRepr.str(p[0])));
    }

    /** CPython {@code bytes.fromhex}. */
    static byte[] fromHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 128) {
                throw new PyException("ValueError", "non-hexadecimal number found in fromhex() arg at position " + i);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        int n = s.length();
        while (i < n) {
            if (isSpace(s.charAt(i))) {
                while (i < n && isSpace(s.charAt(i))) {
                    i++;
                }
                if (i >= n) {
                    break;
                }
            }
            int top = Character.digit(s.charAt(i), 16);
            if (top < 0) {
                throw bad(i);
            }
            i++;
            int bot = i < n ? Character.digit(s.charAt(i), 16) : -1;
            if (bot < 0) {
                throw bad(i);
            }
            i++;
            out.write((top << 4) + bot);
        }
        return out.toByteArray();
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == 0x0C;
    }

    private static PyException bad(int pos) {
        return new PyException("ValueError", "non-hexadecimal number found in fromhex() arg at position " + pos);
    }
}
