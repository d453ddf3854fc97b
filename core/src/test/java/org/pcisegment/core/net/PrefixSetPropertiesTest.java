package org.pcisegment.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.pcisegment.core.inventory.Inventory;
import org.pcisegment.core.ir.PolicyResolver;
import org.pcisegment.core.net.WindowSpans.Span;
import org.pcisegment.core.policy.Located;
import org.pcisegment.core.policy.Peer;
import org.pcisegment.core.source.SourceSpan;

/**
 * The PrefixSet algebra against a brute-force model: sets are drawn inside small windows of the
 * address space (64 addresses each) and mirrored as BitSets over the window addresses. Windows sit
 * at the edges where the 128-bit arithmetic can go wrong: address 0, the top of IPv4 and IPv6, and
 * an IPv6 window straddling the carry between the low and high 64 bits.
 */
class PrefixSetPropertiesTest {
    static final int WINDOW = WindowSpans.WINDOW;
    static final List<IpAddress> WINDOWS = List.of(
            IpAddress.v4(0),
            IpAddress.parseOrThrow("10.0.0.0"),
            IpAddress.parseOrThrow("255.255.255.192"),
            IpAddress.v6(0, 0),
            IpAddress.parseOrThrow("fd00::"),
            IpAddress.v6(0, -32L), // ::ffff:ffff:ffff:ffe0, runs across into 0:0:0:1::1f
            IpAddress.v6(-1L, -64L));
    static final int SIZE = WINDOWS.size() * WINDOW;

    static IpAddress address(int element) {
        IpAddress base = WINDOWS.get(element / WINDOW);
        long offset = element % WINDOW;
        long lo = base.lo() + offset;
        long hi = Long.compareUnsigned(lo, base.lo()) < 0 ? base.hi() + 1 : base.hi();
        return new IpAddress(base.family(), hi, lo);
    }

    static PrefixSet universe() {
        List<PrefixSet> windows = new ArrayList<>();
        for (int w = 0; w < WINDOWS.size(); w++) {
            windows.add(PrefixSet.range(address(w * WINDOW), address(w * WINDOW + WINDOW - 1)));
        }
        return PrefixSet.unionAll(windows);
    }

    @Provide
    Arbitrary<List<Span>> sets() {
        return WindowSpans.sets(WINDOWS.size());
    }

    static PrefixSet build(List<Span> spans) {
        PrefixSet set = PrefixSet.empty();
        for (Span span : spans) {
            set = set.union(PrefixSet.range(address(span.first()), address(span.last())));
        }
        return set;
    }

    static BitSet model(List<Span> spans) {
        return WindowSpans.model(spans);
    }

    /** The model of a set: which window addresses it holds. */
    static BitSet observe(PrefixSet set) {
        BitSet bits = new BitSet(SIZE);
        for (int i = 0; i < SIZE; i++) {
            if (set.contains(address(i))) {
                bits.set(i);
            }
        }
        return bits;
    }

    static void assertCanonical(PrefixSet set) {
        List<IpRange> ranges = set.ranges();
        for (int i = 1; i < ranges.size(); i++) {
            IpRange before = ranges.get(i - 1);
            IpRange after = ranges.get(i);
            if (before.family() == after.family()) {
                BigInteger gap =
                        after.first().toBigInteger().subtract(before.last().toBigInteger());
                assertThat(gap)
                        .as("ranges %s and %s must be disjoint and not adjacent", before, after)
                        .isGreaterThan(BigInteger.ONE);
            }
        }
    }

    @Property
    void unionIntersectionDifferenceMatchTheModel(@ForAll("sets") List<Span> a, @ForAll("sets") List<Span> b) {
        PrefixSet x = build(a);
        PrefixSet y = build(b);
        BitSet union = model(a);
        union.or(model(b));
        BitSet intersection = model(a);
        intersection.and(model(b));
        BitSet difference = model(a);
        difference.andNot(model(b));

        assertThat(observe(x)).isEqualTo(model(a));
        assertThat(observe(x.union(y))).isEqualTo(union);
        assertThat(observe(x.intersect(y))).isEqualTo(intersection);
        assertThat(observe(x.minus(y))).isEqualTo(difference);
        for (PrefixSet result : List.of(x.union(y), x.intersect(y), x.minus(y))) {
            assertCanonical(result);
            assertThat(universe().containsAll(result)).isTrue();
        }
    }

    @Property
    void containmentOverlapAndEqualityMatchTheModel(@ForAll("sets") List<Span> a, @ForAll("sets") List<Span> b) {
        PrefixSet x = build(a);
        PrefixSet y = build(b);
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
        assertThat(x.isEmpty()).isEqualTo(ma.isEmpty());
    }

    @Property
    void minIsTheFirstAddressOfTheFirstRange(@ForAll("sets") List<Span> a) {
        PrefixSet x = build(a);
        if (x.isEmpty()) {
            assertThatThrownBy(x::min).isInstanceOf(IllegalStateException.class);
        } else {
            assertThat(x.min()).isEqualTo(x.ranges().getFirst().first());
        }
    }

    @Property
    void unionAllEqualsFoldedUnion(@ForAll("sets") List<Span> a, @ForAll("sets") List<Span> b) {
        List<PrefixSet> parts = new ArrayList<>();
        for (Span span : a) {
            parts.add(build(List.of(span)));
        }
        parts.add(build(b));
        PrefixSet folded = PrefixSet.empty();
        for (PrefixSet part : parts) {
            folded = folded.union(part);
        }

        assertThat(PrefixSet.unionAll(parts)).isEqualTo(folded);
    }

    @Property
    void complementIsExact(@ForAll("sets") List<Span> a) {
        PrefixSet x = build(a);
        BitSet expected = model(a);
        expected.flip(0, SIZE);

        assertThat(observe(x.complement())).isEqualTo(expected);
        assertThat(x.complement().complement()).isEqualTo(x);
        assertThat(x.union(x.complement())).isEqualTo(PrefixSet.all());
        assertThat(x.intersect(x.complement()).isEmpty()).isTrue();
        assertCanonical(x.complement());
    }

    @Property
    void toCidrsCoversExactlyTheSetWithMaximalBlocks(@ForAll("sets") List<Span> a) {
        PrefixSet x = build(a);
        List<Cidr> cidrs = x.toCidrs();
        PrefixSet rebuilt = PrefixSet.empty();
        for (int i = 0; i < cidrs.size(); i++) {
            Cidr cidr = cidrs.get(i);
            assertThat(cidr.hasHostBits()).isFalse();
            assertThat(rebuilt.overlaps(PrefixSet.of(cidr)))
                    .as("blocks are disjoint")
                    .isFalse();
            rebuilt = rebuilt.union(PrefixSet.of(cidr));
            if (i > 0) {
                Cidr before = cidrs.get(i - 1);
                assertThat(before.compareTo(cidr)).as("ascending").isLessThan(0);
                assertThat(mergeable(before, cidr))
                        .as("%s and %s form one block", before, cidr)
                        .isFalse();
            }
        }

        assertThat(rebuilt).isEqualTo(x);
        // the text form lists the same blocks
        if (!x.isEmpty()) {
            PrefixSet parsed = PrefixSet.empty();
            for (String block : x.toString().split(",")) {
                parsed = parsed.union(PrefixSet.of(Cidr.of(block)));
            }
            assertThat(parsed).isEqualTo(x);
        }
    }

    /** Two sibling blocks (same length, together an aligned block one bit shorter). */
    private static boolean mergeable(Cidr first, Cidr second) {
        if (first.prefixLength() != second.prefixLength() || first.prefixLength() == 0) {
            return false;
        }
        Cidr parent = new Cidr(first.network(), first.prefixLength() - 1);
        return !parent.hasHostBits() && parent.contains(second);
    }

    @Property
    void ipBlockExceptRemovesExactlyTheExceptedAddresses(
            @ForAll("blocks") Cidr cidr, @ForAll("exceptLists") List<Cidr> excepts) {
        Peer.IpBlock block = new Peer.IpBlock(
                located(cidr.canonical()),
                excepts.stream().map(e -> located(e.canonical())).toList(),
                SourceSpan.of("test"));
        BitSet expected = observe(PrefixSet.of(cidr));
        for (Cidr except : excepts) {
            expected.andNot(observe(PrefixSet.of(except)));
        }

        PrefixSet resolved = new PolicyResolver(Inventory.empty()).addresses(block);

        assertThat(observe(resolved)).isEqualTo(expected);
        assertThat(PrefixSet.of(cidr).containsAll(resolved)).isTrue();
    }

    private static Located<String> located(String text) {
        return new Located<>(text, SourceSpan.of("test"));
    }

    /** Blocks of 1 to 64 addresses inside the windows (windows are 64-aligned). */
    @Provide
    Arbitrary<Cidr> blocks() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, SIZE - 1),
                        Arbitraries.integers().between(0, 6))
                .as((element, hostBits) -> {
                    IpAddress address = address(element);
                    Cidr block = new Cidr(address, address.family().bits() - hostBits);
                    return new Cidr(block.network(), block.prefixLength());
                });
    }

    @Provide
    Arbitrary<List<Cidr>> exceptLists() {
        return blocks().list().ofMaxSize(4);
    }
}
