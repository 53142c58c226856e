package org.selfchallenge.env.calculation;

import org.selfchallenge.pyval.PyException;
import org.selfchallenge.pyval.expr.PyOps;

/** Small Python str-method semantics shared by the tools. */
public final class PyStrings {
    private PyStrings() {
    }

    /** The receiver of {@code obj.method(...)} when only str has that method; else CPython's AttributeError. */
    public static String receiver(Object obj, String method) {
        if (obj instanceof String s) {
            return s;
        }
        throw new PyException("AttributeError", "'" + PyOps.typeName(obj) + "' object has no attribute '" + method + "'");
    }

    /** {@code s.strip(chars)} with a set of characters, from both ends. */
    public static String strip(String s, String chars) {
        int a = 0;
        int b = s.length();
        while (a < b && chars.indexOf(s.charAt(a)) >= 0) {
            a++;
        }
        while (b > a && chars.indexOf(s.charAt(b - 1)) >= 0) {
            b--;
        }
        return s.substring(a, b);
    }

    /** {@code s.translate(str.maketrans(from, to))} for BMP one-to-one maps. */
    public static String translate(String s, String from, String to) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int k = from.indexOf(c);
            b.append(k >= 0 ? to.charAt(k) : c);
        }
        return b.toString();
    }

    /** {@code str.isupper()}: at least one cased character and no lowercase/titlecase one. */
    public static boolean isUpper(String s) {
        boolean cased = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLowerCase(cp) || Character.isTitleCase(cp)) {
                return false;
            }
            cased |= Character.isUpperCase(cp);
        }
        return cased;
    }

    /** {@code str.islower()}: at least one cased character and no uppercase/titlecase one. */
    public static boolean isLower(String s) {
        boolean cased = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isUpperCase(cp) || Character.isTitleCase(cp)) {
                return false;
            }
            cased |= Character.isLowerCase(cp);
        }
        return cased;
    }

    /** {@code ord(s)}. */
    public static int ord(String s) {
        int n = s.codePointCount(0, s.length());
        if (n != 1) {
            throw new PyException("TypeError", "ord() expected a character, but string of length " + n + " found");
        }
        return s.codePointAt(0);
    }
}
