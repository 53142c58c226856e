package org.selfchallenge.cat;

/** Why {@link CatParser} rejected a text. */
public enum ParseError {
    /** A required section ({@code <instruction>}, {@code <evaluation_function>}, {@code <solution>}) is absent. */
    MISSING_SECTION,
    /** A section is present but blank (after removing code fences and whitespace). */
    EMPTY_SECTION,
    /** {@code <instruction>}, {@code <evaluation_function>} or {@code <solution>} appears twice. */
    DUPLICATE_SECTION,
    /** An opening tag has no closing tag before the end of the text (truncated output). */
    UNCLOSED_SECTION,
    /** Fewer {@code <failure_case>} sections than configured. */
    TOO_FEW_FAILURE_CASES,
    /** More {@code <failure_case>} sections than configured. */
    TOO_MANY_FAILURE_CASES,
    /** A section is longer than the configured limit. */
    SECTION_TOO_LONG,
    /** The whole text is longer than the configured limit (checked before scanning). */
    TEXT_TOO_LONG
}
