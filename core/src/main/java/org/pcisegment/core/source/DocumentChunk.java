package org.pcisegment.core.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stretch of a YAML text from one {@code ---} line (or the text's start) to the next: each
 * holds at most one document, and snakeyaml starts every document afresh at such a line (indents,
 * flow levels and simple keys are reset there), so the chunks of a text can be read apart.
 *
 * @param start offset of the chunk's first character
 * @param end offset just past its last character
 * @param firstLine 0-based line of {@code start} in the whole text
 */
record DocumentChunk(int start, int end, int firstLine) {

    /**
     * What a chunk holds: its documents with content, and the nodes snakeyaml's composer counts in
     * it (the limit on nodes is for the whole file).
     */
    record Contents(List<YamlDocument> documents, int nodes) {}

    /**
     * Splits a text before every {@code ---} at the start of a line that is followed by a blank or
     * the line's end. Empty when the text has a line break other than LF or CRLF, or starts with a
     * byte order mark: snakeyaml counts those in its own way, and line numbers must stay its own.
     */
    static Optional<List<DocumentChunk>> split(String text) {
        if (text.startsWith("\uFEFF")
                || text.indexOf('\u0085') >= 0
                || text.indexOf('\u2028') >= 0
                || text.indexOf('\u2029') >= 0
                || hasLoneCarriageReturn(text)) {
            return Optional.empty();
        }
        List<DocumentChunk> chunks = new ArrayList<>();
        int start = 0;
        int startLine = 0;
        int line = 0;
        // String.indexOf rather than a loop over every character: it is much faster before C2.
        for (int newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', newline + 1)) {
            line++;
            if (isDocumentStart(text, newline + 1)) {
                chunks.add(new DocumentChunk(start, newline + 1, startLine));
                start = newline + 1;
                startLine = line;
            }
        }
        chunks.add(new DocumentChunk(start, text.length(), startLine));
        return Optional.of(chunks);
    }

    private static boolean hasLoneCarriageReturn(String text) {
        for (int cr = text.indexOf('\r'); cr >= 0; cr = text.indexOf('\r', cr + 1)) {
            if (cr + 1 == text.length() || text.charAt(cr + 1) != '\n') {
                return true;
            }
        }
        return false;
    }

    /** A {@code ---} marker at {@code offset}, as snakeyaml's scanner recognises one at column 0. */
    static boolean isDocumentStart(String text, int offset) {
        return text.startsWith("---", offset)
                && (offset + 3 == text.length() || " \t\r\n".indexOf(text.charAt(offset + 3)) >= 0);
    }
}
