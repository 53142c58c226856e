package org.selfchallenge.agent;

import org.selfchallenge.pyval.PyJson;

/**
 * Turns a final answer given as text ({@code Answer: 42}) into the Python value a synthetic task's
 * {@code evaluate()} sees through {@code final_answer()}: like M3ToolEval's answer conversion, an int
 * if it parses as one, else a float, else {@code True}/{@code False}/{@code None}, else a JSON list or
 * object, else the stripped string itself (quotes around it removed).
 */
public final class AnswerValues {
    private AnswerValues() {
    }

    public static Object parse(String text) {
        if (text == null) return null;
        String s = text.strip();
        if (s.matches("[+-]?\\d+")) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                return new java.math.BigInteger(s);
            }
        }
        if (s.matches("[+-]?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][+-]?\\d+)?")) return Double.parseDouble(s);
        switch (s) {
            case "True": return Boolean.TRUE;
            case "False": return Boolean.FALSE;
            case "None": return null;
            default: break;
        }
        if ((s.startsWith("[") && s.endsWith("]")) || (s.startsWith("{") && s.endsWith("}"))) {
            try {
                return PyJson.parse(s);
            } catch (IllegalArgumentException e) {
                return s;
            }
        }
        if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
