package org.selfchallenge.pyval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * τ-bench's state hash: {@code sha256(str(to_hashable(data)).encode("utf-8")).hexdigest()} where
 * {@code to_hashable} turns a dict into a tuple of {@code (key, value)} pairs sorted by key, a list
 * into a tuple and a set into a sorted tuple; scalars stay. {@link #appendHashableStr} writes
 * {@code str(to_hashable(x))} directly without building the tuples.
 */
public final class PyHash {
    private PyHash() {
    }

    /** Python orders str by code point; Java's compareTo orders UTF-16 units (differs above U+FFFF). */
    public static final Comparator<String> CODE_POINT_ORDER = PyHash::compareCodePoints;

    public static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (Character.isSurrogate(x) || Character.isSurrogate(y)) {
                    return Integer.compare(a.codePointAt(i), b.codePointAt(i));
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    /** The Python value {@code to_hashable(x)} (dicts and lists become {@link PyTuple}). */
    public static Object toHashable(Object v) {
        if (v instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) v;
            List<Object> pairs = new ArrayList<>(m.size());
            for (Object k : sortedKeys(m)) {
                pairs.add(PyTuple.of(k, toHashable(m.get(k))));
            }
            return new PyTuple(pairs);
        }
        if (v instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object o : (List<?>) v) {
                out.add(toHashable(o));
            }
            return new PyTuple(out);
        }
        if (v instanceof Set) {
            List<Object> out = new ArrayList<>();
            for (Object o : (Set<?>) v) {
                out.add(toHashable(o));
            }
            out.sort(PyHash::comparePy);
            return new PyTuple(out);
        }
        return v;
    }

    /** {@code str(to_hashable(v))}. */
    public static String hashableStr(Object v) {
        StringBuilder sb = new StringBuilder();
        appendHashableStr(sb, v);
        return sb.toString();
    }

    public static void appendHashableStr(StringBuilder sb, Object v) {
        if (v instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) v;
            Object[] keys = sortedKeys(m);
            sb.append('(');
            for (int i = 0; i < keys.length; i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append('(');
                PyRepr.appendRepr(sb, keys[i]);
                sb.append(", ");
                appendHashableStr(sb, m.get(keys[i]));
                sb.append(')');
            }
            if (keys.length == 1) {
                sb.append(',');
            }
            sb.append(')');
        } else if (v instanceof List) {
            List<?> l = (List<?>) v;
            sb.append('(');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                appendHashableStr(sb, l.get(i));
            }
            if (l.size() == 1) {
                sb.append(',');
            }
            sb.append(')');
        } else if (v instanceof Set) {
            PyRepr.appendRepr(sb, toHashable(v));
        } else {
            PyRepr.appendRepr(sb, v);
        }
    }

    private static Object[] sortedKeys(Map<?, ?> m) {
        Object[] keys = m.keySet().toArray();
        if (keys.length > 1) {
            Arrays.sort(keys, PyHash::comparePy);
        }
        return keys;
    }

    /** Python {@code <} for the scalars that appear as keys and set members (str, numbers). */
    @SuppressWarnings("unchecked")
    static int comparePy(Object a, Object b) {
        if (a instanceof String && b instanceof String) {
            return compareCodePoints((String) a, (String) b);
        }
        if (PyMath.isNumber(a) && PyMath.isNumber(b)) {
            return PyMath.compare(a, b);
        }
        if (a instanceof PyTuple && b instanceof PyTuple) {
            List<Object> x = ((PyTuple) a).items();
            List<Object> y = ((PyTuple) b).items();
            for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                if (!PyMath.pyEquals(x.get(i), y.get(i))) {
                    return comparePy(x.get(i), y.get(i));
                }
            }
            return Integer.compare(x.size(), y.size());
        }
        throw new PyException("TypeError", "'<' not supported between instances of '"
                + PyRepr.typeName(a) + "' and '" + PyRepr.typeName(b) + "'");
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    public static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 15];
            out[2 * i + 1] = HEX[bytes[i] & 15];
        }
        return new String(out);
    }

    public static String sha256Hex(String s) {
        return hex(sha256().digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code consistent_hash(to_hashable(v))}. */
    public static String hash(Object v) {
        return sha256Hex(hashableStr(v));
    }

    static boolean isCollection(Object v) {
        return v instanceof Collection || v instanceof Map;
    }
}
