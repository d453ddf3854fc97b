package org.pcisegment.core.source;

/**
 * A position in an input file (1-based line and column), so every finding and error can point at
 * the text that caused it.
 */
public record SourceSpan(String file, int line, int column) implements Comparable<SourceSpan> {

    /** A span for inputs that do not come from a file (generated policies, flags). */
    public static SourceSpan of(String origin) {
        return new SourceSpan(origin, 0, 0);
    }

    public boolean hasPosition() {
        return line > 0;
    }

    @Override
    public int compareTo(SourceSpan other) {
        int byFile = file.compareTo(other.file);
        if (byFile != 0) {
            return byFile;
        }
        int byLine = Integer.compare(line, other.line);
        return byLine != 0 ? byLine : Integer.compare(column, other.column);
    }

    @Override
    public String toString() {
        return hasPosition() ? file + ":" + line + ":" + column : file;
    }
}
