package org.pcisegment.core.source;

/**
 * An error in what the user gave us (a file, a flag, a value): carries where it is and one human
 * sentence saying what is wrong and what was expected. The CLI turns it into exit code 2.
 */
public final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final SourceSpan span;

    public InputException(SourceSpan span, String message) {
        super(OneLine.escape(message));
        this.span = span;
    }

    public SourceSpan span() {
        return span;
    }

    /** The message prefixed by its location, as printed to the user. */
    public String located() {
        return OneLine.escape(span.toString()) + ": " + getMessage();
    }
}
