package org.selfchallenge.sandbox;

import java.util.Set;

/**
 * Java's own conservative look at code before it runs: does its text mention anything that could
 * reach interpreter internals or file descriptors (dunders, underscore names, frame attributes,
 * {@code sys}/{@code os}/{@code getattr}/...)? Such code still runs inside the jail, but its worker
 * is never trusted again: it is discarded after that run and the next run (e.g. {@code evaluate()}
 * after a case) uses a clean worker. This is independent of the worker's own report, so code that
 * could forge protocol messages cannot hide that it was suspicious.
 *
 * <p>The scan is over every identifier-like token outside comments and plain string literals (a name
 * inside a string only matters through {@code getattr}/{@code eval}/..., which are flagged
 * themselves); f-strings are scanned whole. It errs on the side of "suspicious".
 */
public final class TaintScanner {
    static final Set<String> BAD_NAMES = Set.of(("sys os posix io _io codecs builtins ctypes gc inspect "
            + "importlib marshal pickle socket subprocess signal resource threading _thread pathlib shutil "
            + "tempfile fcntl mmap select linecache traceback warnings types weakref dis setattr delattr "
            + "getattr vars globals locals eval exec compile open breakpoint input memoryview attrgetter "
            + "methodcaller").split(" "));

    private static final int MAX_BAD_NAME_LENGTH = BAD_NAMES.stream().mapToInt(String::length).max().orElse(0);

    private TaintScanner() {
    }

    /** True when the code could touch interpreter internals (see class doc). */
    public static boolean suspicious(String code) {
        if (code == null) {
            return false;
        }
        String c = codeWithoutLiterals(code);
        int n = c.length();
        int i = 0;
        while (i < n) {
            char ch = c.charAt(i);
            if (!(Character.isLetter(ch) || ch == '_')) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && (Character.isLetterOrDigit(c.charAt(i)) || c.charAt(i) == '_')) {
                i++;
            }
            if (start > 0 && Character.isDigit(c.charAt(start - 1))) {
                continue; // part of a number literal such as 1e5 or 0x_ff
            }
            int len = i - start;
            if (ch == '_') {
                if (len > 1) {
                    return true;
                }
            } else if (len <= MAX_BAD_NAME_LENGTH || c.charAt(start + 2) == '_' || c.charAt(start + 1) == '_') {
                String id = c.substring(start, i);
                if (BAD_NAMES.contains(id) || frameAttribute(id)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Blanks comments and non-f string literals (content only matters as code in f-strings). */
    static String codeWithoutLiterals(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '#') {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '\'' || c == '"') {
                boolean fString = false;
                for (int k = out.length() - 1; k >= 0 && k >= out.length() - 2 && Character.isLetter(out.charAt(k)); k--) {
                    fString |= out.charAt(k) == 'f' || out.charAt(k) == 'F';
                }
                boolean triple = i + 2 < n && s.charAt(i + 1) == c && s.charAt(i + 2) == c;
                int q = triple ? 3 : 1;
                int j = i + q;
                while (j < n) {
                    char d = s.charAt(j);
                    if (d == '\\') {
                        j += 2;
                    } else if (d == c && (!triple || (j + 2 < n && s.charAt(j + 1) == c && s.charAt(j + 2) == c))) {
                        break;
                    } else if (d == '\n' && !triple) {
                        break;
                    } else {
                        j++;
                    }
                }
                int end = Math.min(n, j + q);
                if (fString) {
                    out.append(s, i, end);
                } else {
                    out.append(' ');
                }
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static boolean frameAttribute(String id) {
        return id.startsWith("f_") || id.startsWith("gi_") || id.startsWith("cr_") || id.startsWith("ag_")
                || id.startsWith("tb_") || id.startsWith("co_");
    }
}
