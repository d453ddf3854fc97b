package org.pcisegment.kube.model;

import org.pcisegment.core.source.SourceSpan;

/** Something the reader or analysis wants the user to know that is not an error (a skipped kind). */
public record Note(SourceSpan span, String message) {

    @Override
    public String toString() {
        return span + ": " + message;
    }
}
