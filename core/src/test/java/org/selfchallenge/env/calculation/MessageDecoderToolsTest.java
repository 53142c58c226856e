package org.selfchallenge.env.calculation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.selfchallenge.env.calculation.ToolAssertions.assertRaises;
import static org.selfchallenge.env.calculation.ToolAssertions.list;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.selfchallenge.pyval.PyTuple;

class MessageDecoderToolsTest {
    static Object md(String tool, Object... a) {
        return ToolAssertions.call("message_decoder", tool, a);
    }

    @Test
    void hexToAscii() {
        // 0x48 'H', 0x69 'i'
        assertEquals("Hi", md("convert_hex_to_ascii", "4869"));
        // fromhex skips ASCII whitespace between byte pairs
        assertEquals("Hi", md("convert_hex_to_ascii", " 48\t69\n"));
        // str() first: a text action turns 414243 into an int, str(414243) = "414243" = 'A' 'B' 'C'
        assertEquals("ABC", md("convert_hex_to_ascii", 414243L));
        // c3 a9 is UTF-8 for U+00E9
        assertEquals("\u00e9", md("convert_hex_to_ascii", "c3a9"));
        assertEquals("", md("convert_hex_to_ascii", ""));
    }

    @Test
    void hexToAsciiErrors() {
        assertRaises("ValueError", "non-hexadecimal number found in fromhex() arg at position 1",
                () -> md("convert_hex_to_ascii", "4g"));
        // odd length: the missing low nibble is at position len
        assertRaises("ValueError", "non-hexadecimal number found in fromhex() arg at position 3",
                () -> md("convert_hex_to_ascii", "414"));
        // whitespace inside a pair is an error at the space
        assertRaises("ValueError", "non-hexadecimal number found in fromhex() arg at position 1",
                () -> md("convert_hex_to_ascii", "4 1"));
        assertRaises("ValueError", "non-hexadecimal number found in fromhex() arg at position 2",
                () -> md("convert_hex_to_ascii", "41\u00e9"));
        // str(1.5) = "1.5": '.' at position 1
        assertRaises("ValueError", "non-hexadecimal number found in fromhex() arg at position 1",
                () -> md("convert_hex_to_ascii", 1.5));
        assertRaises("UnicodeDecodeError", "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte",
                () -> md("convert_hex_to_ascii", "ff"));
        assertRaises("UnicodeDecodeError", "'utf-8' codec can't decode byte 0xc3 in position 1: unexpected end of data",
                () -> md("convert_hex_to_ascii", "41c3"));
        assertRaises("UnicodeDecodeError", "'utf-8' codec can't decode bytes in position 0-1: invalid continuation byte",
                () -> md("convert_hex_to_ascii", "e282" + "41"));
    }

    @Test
    void reverseString() {
        assertEquals("cba", md("reverse_string", "abc"));
        assertEquals(list(3L, 2L, 1L), md("reverse_string", list(1L, 2L, 3L)));
        assertEquals(PyTuple.of("b", "a"), md("reverse_string", PyTuple.of("a", "b")));
        // a supplementary character stays one character
        assertEquals("b\uD83D\uDE00a", md("reverse_string", "a\uD83D\uDE00b"));
        assertRaises("TypeError", "'int' object is not subscriptable", () -> md("reverse_string", 123L));
    }

    @Test
    void caesarDecode() {
        // 'K'-3 = 'H', 'h'-3 = 'e', 'o'-3 = 'l', 'r'-3 = 'o', punctuation kept
        assertEquals("Hello World!", md("caesar_decode", "Khoor Zruog!", 3L));
        // wraps: 'a' - 1 = 'z', 'A' - 1 = 'Z'; negative shift moves forward
        assertEquals("zZ", md("caesar_decode", "aA", 1L));
        assertEquals("bB", md("caesar_decode", "aA", -1L));
        // shift = int(shift): "3" and 3.9 (truncated) both mean 3
        assertEquals("abc", md("caesar_decode", "def", "3"));
        assertEquals("abc", md("caesar_decode", "def", 3.9));
        // quirk: any Unicode lowercase letter goes through the formula: ord('é') = 233,
        // (233 - 0 - 97) % 26 = 136 % 26 = 6 → chr(97 + 6) = 'g'
        assertEquals("g", md("caesar_decode", "\u00e9", 0L));
        assertRaises("ValueError", "invalid literal for int() with base 10: 'x'", () -> md("caesar_decode", "a", "x"));
        assertRaises("TypeError", "'int' object is not iterable", () -> md("caesar_decode", 5L, 1L));
        assertRaises("TypeError", "caesar_decode() missing 1 required positional argument: 'shift'",
                () -> md("caesar_decode", "abc"));
    }

    @Test
    void stringLength() {
        assertEquals(5L, md("string_length", "hello"));
        assertEquals(1L, md("string_length", "\uD83D\uDE00")); // one code point
        assertEquals(2L, md("string_length", list(1L, 2L)));
        assertRaises("TypeError", "object of type 'int' has no len()", () -> md("string_length", 7L));
    }

    @Test
    void minimumAndMaximumValue() {
        assertEquals(1L, md("minimum_value", 3L, 1L, 2L));
        assertEquals(3L, md("maximum_value", 3L, 1L, 2L));
        // int vs float compare exactly; ties keep the first
        assertEquals(2.5, md("minimum_value", 3L, 2.5, 7L));
        assertEquals(1L, md("maximum_value", 1L, 1.0));
        // the args tuple is the iterable: a single list argument is returned as is
        assertEquals(list(5L, 1L), md("minimum_value", list(5L, 1L)));
        assertEquals("b", md("maximum_value", "a", "b"));
        assertRaises("ValueError", "min() arg is an empty sequence", () -> md("minimum_value"));
        assertRaises("TypeError", "'<' not supported between instances of 'str' and 'int'",
                () -> md("minimum_value", 1L, "a"));
        assertRaises("TypeError", "'>' not supported between instances of 'str' and 'int'",
                () -> md("maximum_value", 1L, "a"));
        assertRaises("TypeError", "minimum_value() got an unexpected keyword argument 'x'",
                () -> ToolAssertions.callKw("message_decoder", "minimum_value", Map.of("x", 1L)));
    }

    @Test
    void varargsThroughKwargsConvention() {
        assertEquals(1L, ToolAssertions.callKw("message_decoder", "minimum_value", Map.of("args", list(3L, 1L, 2L))));
        assertEquals("cba", ToolAssertions.callKw("message_decoder", "reverse_string", Map.of("s", "abc")));
        // the description says "string" but the Python parameter is "s"
        assertRaises("TypeError", "reverse_string() got an unexpected keyword argument 'string'",
                () -> ToolAssertions.callKw("message_decoder", "reverse_string", Map.of("string", "abc")));
    }
}
