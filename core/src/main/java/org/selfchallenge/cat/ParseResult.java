package org.selfchallenge.cat;

/**
 * Outcome of {@link CatParser#parse}: either a task, or an error code with a human-readable detail.
 *
 * @param task   the parsed task, or null on error
 * @param error  null on success
 * @param detail what exactly is wrong (e.g. "missing <solution>"), or null on success
 */
public record ParseResult(CodeAsTask task, ParseError error, String detail) {

    public static ParseResult ok(CodeAsTask task) {
        return new ParseResult(task, null, null);
    }

    public static ParseResult error(ParseError error, String detail) {
        return new ParseResult(null, error, detail);
    }

    public boolean ok() {
        return task != null;
    }
}
