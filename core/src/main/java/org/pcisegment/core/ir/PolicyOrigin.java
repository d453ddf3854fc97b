package org.pcisegment.core.ir;

import org.pcisegment.core.source.SourceSpan;

/** A policy that restricts a direction for a workload, with where it is written. */
public record PolicyOrigin(String policy, SourceSpan span) {

    @Override
    public String toString() {
        return policy + " (" + span + ")";
    }
}
