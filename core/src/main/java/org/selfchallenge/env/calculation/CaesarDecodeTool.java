package org.selfchallenge.env.calculation;

import java.math.BigInteger;
import java.util.List;

import org.selfchallenge.pyval.PyException;
import org.selfchallenge.pyval.expr.PyBuiltins;
import org.selfchallenge.pyval.expr.PyNumbers;
import org.selfchallenge.pyval.expr.PyOps;

/**
 * {@code caesar_decode(message, shift)}: {@code shift = int(shift)}, then each character {@code c} of
 * {@code message} becomes {@code chr((ord(c) - shift - 65) % 26 + 65)} if {@code c.isupper()}, the same
 * with 97 if {@code c.islower()}, else stays. Quirk kept: any Unicode upper/lower-case letter (É, ß) is
 * mapped into A–Z / a–z by that formula.
 */
public final class CaesarDecodeTool extends PyTool {
    public static final String NAME = "caesar_decode";
    private static final BigInteger ALPHABET = BigInteger.valueOf(26);

    public CaesarDecodeTool() {
        super(NAME, "Decodes a string using the Caesar cipher. Arguments: message (str), shift (int)",
                "caesar_decode(message: str, shift: int) -> str", null, null, true,
                "message", STRING, "shift", INTEGER);
    }

    @Override
    protected Object invoke(Object[] p, List<Object> extra) {
        BigInteger shift = PyNumbers.big(PyBuiltins.toInt(p[1]));
        StringBuilder out = new StringBuilder();
        for (Object ch : PyOps.iterate(p[0])) {
            String c = PyStrings.receiver(ch, "isupper");
            if (PyStrings.isUpper(c)) {
                out.appendCodePoint(shifted(PyStrings.ord(c), shift, 65));
            } else if (PyStrings.isLower(c)) {
                out.appendCodePoint(shifted(PyStrings.ord(c), shift, 97));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int shifted(int ord, BigInteger shift, int base) {
        return BigInteger.valueOf(ord).subtract(shift).subtract(BigInteger.valueOf(base)).mod(ALPHABET).intValue() + base;
    }
}
