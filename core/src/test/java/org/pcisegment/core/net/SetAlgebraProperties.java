package org.pcisegment.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.List;
import java.util.function.BiConsumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * PrefixSet and PortSet against a brute-force model (a BitSet over a window of addresses or
 * ports): every operation must give exactly the model's answer. The address windows sit where
 * the 128-bit arithmetic carries: across the low 64-bit word and at the top of the IPv6 space.
 */
class SetAlgebraProperties {
    /** A window of 512 consecutive addresses starting at (hi, lo), of one family. */
    record Window(IpFamily family, long hi, long lo) {
        static final int SIZE = 512;

        IpAddress at(int index) {
            long low = lo + index;
            long high = Long.compareUnsigned(low, lo) < 0 ? hi + 1 : hi;
            return new IpAddress(family, high, low);
        }
    }

    private static final List<Window> WINDOWS = List.of(
            new Window(IpFamily.V4, 0, 0x0A00_0000L), // 10.0.0.0-10.0.1.255
            new Window(IpFamily.V4, 0, 0xFFFF_FFFFL - 511), // the top of IPv4
            new Window(IpFamily.V6, 5, -256), // across the carry from lo into hi
            new Window(IpFamily.V6, -1, -512)); // the top of IPv6

    /** A set in a window, with its model. */
    record Sample(Window window, PrefixSet set, BitSet model) {}

    @Provide
    Arbitrary<Sample> samples() {
        return Arbitraries.of(WINDOWS).flatMap(window -> {
            Arbitrary<int[]> range = Combinators.combine(
                            Arbitraries.integers().between(0, Window.SIZE - 1),
                            Arbitraries.integers().between(0, 80))
                    .as((start, length) -> new int[] {start, Math.min(Window.SIZE - 1, start + length)});
            return range.list().ofMaxSize(6).map(ranges -> {
                PrefixSet set = PrefixSet.empty();
                BitSet model = new BitSet(Window.SIZE);
                for (int[] r : ranges) {
                    set = set.union(PrefixSet.range(window.at(r[0]), window.at(r[1])));
                    model.set(r[0], r[1] + 1);
                }
                return new Sample(window, set, model);
            });
        });
    }

    /** A new model: {@code a} combined with {@code b} by a BitSet operation. */
    private static BitSet combine(BitSet a, BitSet b, BiConsumer<BitSet, BitSet> operation) {
        BitSet result = (BitSet) a.clone();
        operation.accept(result, b);
        return result;
    }

    private static PrefixSet windowSet(Window window) {
        return PrefixSet.range(window.at(0), window.at(Window.SIZE - 1));
    }

    private static void assertMatchesModel(Window window, PrefixSet set, BitSet model) {
        for (int i = 0; i < Window.SIZE; i++) {
            assertThat(set.contains(window.at(i)))
                    .as("address %s", window.at(i))
                    .isEqualTo(model.get(i));
        }
        assertThat(set.minus(windowSet(window)).isEmpty())
                .as("nothing outside the window")
                .isTrue();
    }

    @Property(tries = 300)
    void unionIntersectionAndDifferenceAgreeWithTheModel(@ForAll("samples") Sample a, @ForAll("samples") Sample b) {
        if (a.window() != b.window()) {
            assertThat(a.set().overlaps(b.set())).isFalse();
            assertThat(a.set().intersect(b.set()).isEmpty()).isTrue();
            return;
        }
        Window window = a.window();
        assertMatchesModel(window, a.set().union(b.set()), combine(a.model(), b.model(), BitSet::or));
        assertMatchesModel(window, a.set().intersect(b.set()), combine(a.model(), b.model(), BitSet::and));
        assertMatchesModel(window, a.set().minus(b.set()), combine(a.model(), b.model(), BitSet::andNot));
        assertThat(a.set().overlaps(b.set())).isEqualTo(a.model().intersects(b.model()));
        assertThat(a.set().containsAll(b.set()))
                .isEqualTo(combine(b.model(), a.model(), BitSet::andNot).isEmpty());
        assertThat(a.set().equals(b.set())).isEqualTo(a.model().equals(b.model()));
    }

    @Provide
    Arbitrary<List<Sample>> sampleLists() {
        return samples().list().ofMaxSize(8);
    }

    @Property(tries = 200)
    void unionOfManyEqualsFoldedUnion(@ForAll("sampleLists") List<Sample> samples) {
        PrefixSet folded = PrefixSet.empty();
        for (Sample sample : samples) {
            folded = folded.union(sample.set());
        }
        assertThat(PrefixSet.unionAll(samples.stream().map(Sample::set).toList()))
                .isEqualTo(folded);
    }

    @Property(tries = 300)
    void complementAndCidrCoverAreExact(@ForAll("samples") Sample sample) {
        PrefixSet set = sample.set();
        assertThat(set.complement().complement()).isEqualTo(set);
        assertThat(set.union(set.complement())).isEqualTo(PrefixSet.all());
        assertThat(set.overlaps(set.complement())).isFalse();
        List<Cidr> cidrs = set.toCidrs();
        PrefixSet rebuilt = PrefixSet.empty();
        for (Cidr cidr : cidrs) {
            assertThat(cidr.hasHostBits()).as("%s is aligned", cidr).isFalse();
            assertThat(rebuilt.overlaps(PrefixSet.of(cidr)))
                    .as("blocks are disjoint")
                    .isFalse();
            rebuilt = rebuilt.union(PrefixSet.of(cidr));
        }
        assertThat(rebuilt).isEqualTo(set);
        assertThat(set.rangeCount()).isEqualTo(countRuns(sample.model()));
    }

    private static int countRuns(BitSet model) {
        int runs = 0;
        for (int i = model.nextSetBit(0); i >= 0; i = model.nextSetBit(model.nextClearBit(i))) {
            runs++;
        }
        return runs;
    }

    @Provide
    Arbitrary<PortSample> ports() {
        Arbitrary<int[]> range = Combinators.combine(
                        Arbitraries.integers().between(PortSet.MIN_PORT, PortSet.MAX_PORT),
                        Arbitraries.integers().between(0, 3000))
                .as((start, length) -> new int[] {start, Math.min(PortSet.MAX_PORT, start + length)});
        return range.list().ofMaxSize(5).map(ranges -> {
            PortSet set = PortSet.empty();
            BitSet model = new BitSet(PortSet.MAX_PORT + 1);
            for (int[] r : ranges) {
                set = set.union(PortSet.range(r[0], r[1]));
                model.set(r[0], r[1] + 1);
            }
            return new PortSample(set, model);
        });
    }

    record PortSample(PortSet set, BitSet model) {}

    @Property(tries = 200)
    void portSetsAgreeWithTheModel(@ForAll("ports") PortSample a, @ForAll("ports") PortSample b) {
        assertPorts(a.set().union(b.set()), combine(a.model(), b.model(), BitSet::or));
        assertPorts(a.set().intersect(b.set()), combine(a.model(), b.model(), BitSet::and));
        assertPorts(a.set().minus(b.set()), combine(a.model(), b.model(), BitSet::andNot));
        BitSet all = new BitSet();
        all.set(PortSet.MIN_PORT, PortSet.MAX_PORT + 1);
        assertPorts(a.set().complement(), combine(all, a.model(), BitSet::andNot));
        assertThat(a.set().overlaps(b.set())).isEqualTo(a.model().intersects(b.model()));
        assertThat(a.set().equals(b.set())).isEqualTo(a.model().equals(b.model()));
    }

    private static void assertPorts(PortSet set, BitSet model) {
        assertThat(set.count()).isEqualTo(model.cardinality());
        for (PortRange range : set.ranges()) {
            assertThat(model.nextClearBit(range.first())).isEqualTo(range.last() + 1);
            assertThat(range.first() == PortSet.MIN_PORT || !model.get(range.first() - 1))
                    .isTrue();
        }
        for (int port = model.nextSetBit(0); port >= 0; port = model.nextSetBit(port + 1)) {
            assertThat(set.contains(port)).isTrue();
        }
    }
}
