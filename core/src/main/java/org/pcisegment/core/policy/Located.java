package org.pcisegment.core.policy;

import org.pcisegment.core.source.SourceSpan;

/** A value as written in the input, with where it was written. */
public record Located<T>(T value, SourceSpan span) {}
