package org.pcisegment.core.net;

import java.util.BitSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random sets for the algebra properties: up to six ranges of model elements, each inside one of
 * {@code windows} windows of {@link #WINDOW} consecutive elements.
 */
final class WindowSpans {
    static final int WINDOW = 64;

    private WindowSpans() {}

    /** A range of model elements [first, last] inside one window. */
    record Span(int first, int last) {}

    static Arbitrary<List<Span>> sets(int windows) {
        Arbitrary<Span> span = Combinators.combine(
                        Arbitraries.integers().between(0, windows - 1),
                        Arbitraries.integers().between(0, WINDOW - 1),
                        Arbitraries.integers().between(1, WINDOW))
                .as((w, start, length) ->
                        new Span(w * WINDOW + start, w * WINDOW + Math.min(WINDOW - 1, start + length - 1)));
        return span.list().ofMaxSize(6);
    }

    /** The elements of the spans. */
    static BitSet model(List<Span> spans) {
        BitSet bits = new BitSet();
        for (Span span : spans) {
            bits.set(span.first(), span.last() + 1);
        }
        return bits;
    }

    static BitSet copy(BitSet bits) {
        return (BitSet) bits.clone();
    }
}
