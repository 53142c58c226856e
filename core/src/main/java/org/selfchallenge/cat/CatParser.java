package org.selfchallenge.cat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses raw challenger output into a {@link CodeAsTask}.
 *
 * <p>Tolerated (real model output is messy): prose before, between and after sections; tag case
 * ({@code <SOLUTION>}); blanks inside tags ({@code < solution >}) and {@code -}/space for
 * {@code _} ({@code <failure-case>}); markdown code fences inside a section (```` ```python ... ``` ````)
 * or around the whole answer; CRLF line ends; code indented as a block (dedented like
 * {@code textwrap.dedent}); a missing closing tag when the next section's opening tag follows.
 * Stray closing tags are ignored.
 *
 * <p>Rejected, with the first applicable {@link ParseError} in this order: {@code TEXT_TOO_LONG},
 * {@code UNCLOSED_SECTION} (a section runs to the end of the text: truncated output),
 * {@code DUPLICATE_SECTION}, {@code MISSING_SECTION}, {@code SECTION_TOO_LONG}, {@code EMPTY_SECTION},
 * {@code TOO_FEW_FAILURE_CASES}, {@code TOO_MANY_FAILURE_CASES}.
 *
 * <p>Immutable and thread-safe.
 */
public final class CatParser {
    /** Minimum failure cases by default; the paper's prompt asks for three ({@link #PAPER_FAILURE_CASES}). */
    public static final int DEFAULT_MIN_FAILURE_CASES = 1;
    public static final int PAPER_FAILURE_CASES = 3;
    public static final int DEFAULT_MAX_FAILURE_CASES = 10;
    public static final int DEFAULT_MAX_SECTION_CHARS = 20_000;
    public static final int DEFAULT_MAX_TEXT_CHARS = 200_000;

    /** Parser limits. */
    public record Options(int minFailureCases, int maxFailureCases, int maxSectionChars, int maxTextChars) {
        public Options {
            if (minFailureCases < 0 || maxFailureCases < minFailureCases || maxSectionChars < 1 || maxTextChars < 1) {
                throw new IllegalArgumentException("bad parser options: " + minFailureCases + ", " + maxFailureCases
                        + ", " + maxSectionChars + ", " + maxTextChars);
            }
        }

        public static Options defaults() {
            return new Options(DEFAULT_MIN_FAILURE_CASES, DEFAULT_MAX_FAILURE_CASES, DEFAULT_MAX_SECTION_CHARS,
                    DEFAULT_MAX_TEXT_CHARS);
        }

        public Options withMinFailureCases(int n) {
            return new Options(n, Math.max(n, maxFailureCases), maxSectionChars, maxTextChars);
        }
    }

    /** The four section kinds, with their canonical tag names. */
    enum Section {
        INSTRUCTION("instruction"), EVALUATION_FUNCTION("evaluation_function"), SOLUTION("solution"),
        FAILURE_CASE("failure_case");

        final String tag;

        Section(String tag) {
            this.tag = tag;
        }

        /** The tag regex only matches the four names (any case, {@code _}/{@code -}/space/nothing between words). */
        static Section of(String raw) {
            char c = Character.toLowerCase(raw.charAt(0));
            return c == 'i' ? INSTRUCTION : c == 'e' ? EVALUATION_FUNCTION : c == 's' ? SOLUTION : FAILURE_CASE;
        }
    }

    private static final Pattern TAG = Pattern.compile(
            "<\\s*(/?)\\s*(instruction|evaluation[ _-]?function|solution|failure[ _-]?case)\\s*>",
            Pattern.CASE_INSENSITIVE);

    private final Options options;

    public CatParser() {
        this(Options.defaults());
    }

    public CatParser(Options options) {
        this.options = options;
    }

    public Options options() {
        return options;
    }

    public ParseResult parse(String raw) {
        String text = raw == null ? "" : raw;
        if (text.length() > options.maxTextChars()) {
            return ParseResult.error(ParseError.TEXT_TOO_LONG,
                    "text has " + text.length() + " characters; limit " + options.maxTextChars());
        }
        text = text.replace("\r\n", "\n");
        Map<Section, List<String>> found = new EnumMap<>(Section.class);
        for (Section s : Section.values()) {
            found.put(s, new ArrayList<>());
        }
        Matcher m = TAG.matcher(text);
        Section open = null;
        int contentStart = 0;
        while (m.find()) {
            Section s = Section.of(m.group(2));
            boolean closing = !m.group(1).isEmpty();
            if (!closing) {
                if (open != null) { // the previous section was not closed: it ends where this one starts
                    found.get(open).add(text.substring(contentStart, m.start()));
                }
                open = s;
                contentStart = m.end();
            } else if (open == s) {
                found.get(open).add(text.substring(contentStart, m.start()));
                open = null;
            }
        }
        if (open != null) {
            return ParseResult.error(ParseError.UNCLOSED_SECTION,
                    "<" + open.tag + "> is not closed before the end of the text");
        }
        for (Section s : List.of(Section.INSTRUCTION, Section.EVALUATION_FUNCTION, Section.SOLUTION)) {
            if (found.get(s).size() > 1) {
                return ParseResult.error(ParseError.DUPLICATE_SECTION,
                        "<" + s.tag + "> appears " + found.get(s).size() + " times");
            }
        }
        for (Section s : List.of(Section.INSTRUCTION, Section.EVALUATION_FUNCTION, Section.SOLUTION)) {
            if (found.get(s).isEmpty()) {
                return ParseResult.error(ParseError.MISSING_SECTION, "missing <" + s.tag + ">");
            }
        }
        for (Section s : Section.values()) {
            List<String> parts = found.get(s);
            for (int i = 0; i < parts.size(); i++) {
                if (parts.get(i).length() > options.maxSectionChars()) {
                    return ParseResult.error(ParseError.SECTION_TOO_LONG, "<" + s.tag + ">" + index(s, i) + " has "
                            + parts.get(i).length() + " characters; limit " + options.maxSectionChars());
                }
            }
        }
        String instruction = found.get(Section.INSTRUCTION).get(0).strip();
        String eval = code(found.get(Section.EVALUATION_FUNCTION).get(0));
        String solution = code(found.get(Section.SOLUTION).get(0));
        List<String> failures = new ArrayList<>();
        for (String f : found.get(Section.FAILURE_CASE)) {
            failures.add(code(f));
        }
        if (instruction.isEmpty() || stripFences(instruction).isEmpty()) {
            return ParseResult.error(ParseError.EMPTY_SECTION, "<instruction> is empty");
        }
        if (eval.isEmpty()) {
            return ParseResult.error(ParseError.EMPTY_SECTION, "<evaluation_function> is empty");
        }
        if (solution.isEmpty()) {
            return ParseResult.error(ParseError.EMPTY_SECTION, "<solution> is empty");
        }
        for (int i = 0; i < failures.size(); i++) {
            if (failures.get(i).isEmpty()) {
                return ParseResult.error(ParseError.EMPTY_SECTION, "<failure_case> #" + (i + 1) + " is empty");
            }
        }
        if (failures.size() < options.minFailureCases()) {
            return ParseResult.error(ParseError.TOO_FEW_FAILURE_CASES, failures.size()
                    + " <failure_case> section(s); at least " + options.minFailureCases() + " required");
        }
        if (failures.size() > options.maxFailureCases()) {
            return ParseResult.error(ParseError.TOO_MANY_FAILURE_CASES, failures.size()
                    + " <failure_case> sections; at most " + options.maxFailureCases() + " allowed");
        }
        return ParseResult.ok(new CodeAsTask(instruction, eval, solution, failures));
    }

    private static String index(Section s, int i) {
        return s == Section.FAILURE_CASE ? " #" + (i + 1) : "";
    }

    /** Section content as code: fences removed, block indentation removed, trailing blanks trimmed. */
    static String code(String raw) {
        return trimBlankLines(dedent(trimBlankLines(stripFences(trimBlankLines(raw)))));
    }

    /** Drops leading blank lines (keeping the first line's indentation) and trailing whitespace. */
    static String trimBlankLines(String s) {
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                start = i + 1;
            } else if (c != ' ' && c != '\t') {
                break;
            }
        }
        return s.substring(start).stripTrailing();
    }

    /** Removes a leading ```lang line and a trailing ``` (or a single pair of inline backticks). */
    static String stripFences(String s) {
        String t = s.strip();
        if (!t.startsWith("`")) {
            return s;
        }
        if (t.startsWith("```")) {
            int nl = t.indexOf('\n');
            t = nl < 0 ? t.substring(3) : t.substring(nl + 1);
            if (t.stripTrailing().endsWith("```")) {
                t = t.stripTrailing();
                t = t.substring(0, t.length() - 3);
            }
            return trimBlankLines(t);
        }
        if (t.length() >= 2 && t.startsWith("`") && t.endsWith("`") && t.indexOf('`', 1) == t.length() - 1) {
            return t.substring(1, t.length() - 1);
        }
        return t;
    }

    /** Python's {@code textwrap.dedent}: removes the whitespace prefix common to all non-blank lines. */
    static String dedent(String s) {
        String[] lines = s.split("\n", -1);
        String common = null;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            int k = 0;
            while (k < line.length() && (line.charAt(k) == ' ' || line.charAt(k) == '\t')) {
                k++;
            }
            String prefix = line.substring(0, k);
            if (common == null) {
                common = prefix;
            } else {
                int j = 0;
                while (j < common.length() && j < prefix.length() && common.charAt(j) == prefix.charAt(j)) {
                    j++;
                }
                common = common.substring(0, j);
            }
        }
        if (common == null || common.isEmpty()) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            out.append(line.isBlank() ? "" : line.substring(common.length()));
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }
}
