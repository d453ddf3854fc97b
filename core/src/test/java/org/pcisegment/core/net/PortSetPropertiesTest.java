package org.pcisegment.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.pcisegment.core.net.WindowSpans.Span;

/**
 * The PortSet algebra against a BitSet over every port: sets are drawn from ports 1-64 and
 * 65472-65535, so both ends of the port space are exercised.
 */
class PortSetPropertiesTest {
    static final int WINDOW = WindowSpans.WINDOW;

    /** Model element 0-127 to port: 1-64, then 65472-65535. */
    static int port(int element) {
        return element < WINDOW ? 1 + element : PortSet.MAX_PORT - 2 * WINDOW + 1 + element;
    }

    @Provide
    Arbitrary<List<Span>> sets() {
        return WindowSpans.sets(2);
    }

    static PortSet build(List<Span> spans) {
        PortSet set = PortSet.empty();
        for (Span span : spans) {
            set = set.union(PortSet.range(port(span.first()), port(span.last())));
        }
        return set;
    }

    /** The set as a BitSet indexed by port number. */
    static BitSet model(List<Span> spans) {
        BitSet bits = new BitSet(PortSet.MAX_PORT + 1);
        WindowSpans.model(spans).stream().forEach(element -> bits.set(port(element)));
        return bits;
    }

    /**
     * Which ports the set holds: every window port, port 0 and 65536 (never), and the middle gap
     * between the windows, which a set holds entirely or not at all.
     */
    static BitSet observe(PortSet set) {
        BitSet bits = new BitSet(PortSet.MAX_PORT + 1);
        for (int element = 0; element < 2 * WINDOW; element++) {
            if (set.contains(port(element))) {
                bits.set(port(element));
            }
        }
        PortSet middle = PortSet.range(port(WINDOW - 1) + 1, port(WINDOW) - 1);
        if (set.containsAll(middle)) {
            bits.set(port(WINDOW - 1) + 1, port(WINDOW));
        } else {
            assertThat(set.overlaps(middle))
                    .as("no generated set reaches into the middle")
                    .isFalse();
        }
        assertThat(set.contains(0) || set.contains(PortSet.MAX_PORT + 1)).isFalse();
        return bits;
    }

    @Property
    void algebraMatchesTheModel(@ForAll("sets") List<Span> a, @ForAll("sets") List<Span> b) {
        PortSet x = build(a);
        PortSet y = build(b);
        BitSet ma = model(a);
        BitSet mb = model(b);
        BitSet union = WindowSpans.copy(ma);
        union.or(mb);
        BitSet intersection = WindowSpans.copy(ma);
        intersection.and(mb);
        BitSet difference = WindowSpans.copy(ma);
        difference.andNot(mb);
        BitSet complement = WindowSpans.copy(ma);
        complement.flip(PortSet.MIN_PORT, PortSet.MAX_PORT + 1);

        assertThat(observe(x)).isEqualTo(ma);
        assertThat(observe(x.union(y))).isEqualTo(union);
        assertThat(observe(x.intersect(y))).isEqualTo(intersection);
        assertThat(observe(x.minus(y))).isEqualTo(difference);
        assertThat(observe(x.complement())).isEqualTo(complement);
        assertThat(x.complement().complement()).isEqualTo(x);
        assertThat(x.count()).isEqualTo(ma.cardinality());
        assertThat(x.isEmpty()).isEqualTo(ma.isEmpty());
        assertThat(x.union(x.complement()).isAll()).isTrue();
    }

    @Property
    void minIsTheFirstPortOfTheFirstRange(@ForAll("sets") List<Span> a) {
        PortSet x = build(a);
        if (x.isEmpty()) {
            assertThatThrownBy(x::min).isInstanceOf(IllegalStateException.class);
        } else {
            assertThat(x.min()).isEqualTo(x.ranges().getFirst().first());
        }
    }

    @Property
    void containmentOverlapEqualityAndRangesMatchTheModel(@ForAll("sets") List<Span> a, @ForAll("sets") List<Span> b) {
        PortSet x = build(a);
        PortSet y = build(b);
        BitSet ma = model(a);
        BitSet mb = model(b);
        BitSet bOutsideA = WindowSpans.copy(mb);
        bOutsideA.andNot(ma);

        assertThat(x.containsAll(y)).isEqualTo(bOutsideA.isEmpty());
        assertThat(x.overlaps(y)).isEqualTo(ma.intersects(mb));
        assertThat(x.equals(y)).isEqualTo(ma.equals(mb));
        if (ma.equals(mb)) {
            assertThat(x.hashCode()).isEqualTo(y.hashCode());
            assertThat(x.toString()).isEqualTo(y.toString());
        }
        List<PortRange> ranges = x.ranges();
        for (int i = 1; i < ranges.size(); i++) {
            assertThat(ranges.get(i).first())
                    .as("maximal ranges are separated by a gap")
                    .isGreaterThan(ranges.get(i - 1).last() + 1);
        }
        PortSet rebuilt = PortSet.empty();
        for (PortRange range : ranges) {
            rebuilt = rebuilt.union(PortSet.range(range.first(), range.last()));
        }
        assertThat(rebuilt).isEqualTo(x);
    }
}
