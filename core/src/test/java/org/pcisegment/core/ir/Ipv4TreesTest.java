package org.pcisegment.core.ir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The packed IPv4 search trees against a plain binary search over the same starts, at every size
 * where the shape changes (one leaf block, a counted top level, the 64-key top limit, a third
 * level) and at the ends of the address space.
 */
class Ipv4TreesTest {
    private static final long LAST = 0xFFFF_FFFFL;
    /** Around every size where the layout changes: 16-slot blocks, a top level of up to 64 keys. */
    private static final int[] SIZES = {
        1, 2, 15, 16, 17, 31, 32, 33, 63, 64, 65, 255, 256, 257, 1023, 1024, 1025, 1040, 1041, 4096, 16384, 16385, 20000
    };

    /** A map given as ascending starts, the first 0, and one value per start. */
    private record IntervalMap(long[] starts, int[] values) {
        int lookup(long address) {
            int at = Arrays.binarySearch(starts, address);
            return values[at >= 0 ? at : -at - 2];
        }
    }

    private static IntervalMap randomMap(Random random, int size, boolean dense) {
        TreeSet<Long> starts = new TreeSet<>(List.of(0L));
        if (size > 1 && random.nextBoolean()) {
            starts.add(LAST); // an interval holding only 255.255.255.255
        }
        if (size > 2 && random.nextBoolean()) {
            starts.add(1L); // an interval holding only 0.0.0.0
        }
        long base = random.nextLong(LAST - 4L * size);
        while (starts.size() < size) {
            starts.add(dense ? base + random.nextInt(4 * size) : random.nextLong(LAST + 1));
        }
        long[] sorted = starts.stream().mapToLong(Long::longValue).toArray();
        int[] values = new int[sorted.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(10) == 0 ? AddressIndex.NONE : random.nextInt(Integer.MAX_VALUE);
        }
        return new IntervalMap(sorted, values);
    }

    @Property(tries = 30)
    void lookupEqualsBinarySearchForTreesPackedSideBySide(@ForAll long seed) {
        Random random = new Random(seed);
        Ipv4Trees.Builder builder = new Ipv4Trees.Builder();
        List<IntervalMap> maps = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        List<Boolean> hashed = new ArrayList<>();
        for (int size : SIZES) {
            IntervalMap map = randomMap(random, size, random.nextBoolean());
            // each map twice: all in the tree, and with its one-address intervals hashed
            for (boolean hashExact : new boolean[] {false, true}) {
                maps.add(map);
                hashed.add(hashExact);
                offsets.add(builder.add(map.starts(), map.values(), map.starts().length, hashExact));
            }
        }
        Ipv4Trees trees = builder.build();
        for (int t = 0; t < maps.size(); t++) {
            IntervalMap map = maps.get(t);
            int tree = offsets.get(t);
            if (!hashed.get(t)) {
                assertThat(trees.size(tree)).isEqualTo(map.starts().length);
            }
            for (int i = 0; i < map.starts().length; i++) {
                long start = map.starts()[i];
                if (!hashed.get(t)) {
                    assertThat(trees.start(tree, i)).isEqualTo(start);
                    assertThat(trees.value(tree, i)).isEqualTo(map.values()[i]);
                }
                for (long address : new long[] {start - 1, start, start + 1}) {
                    if (address >= 0 && address <= LAST) {
                        assertThat(trees.lookup(tree, address))
                                .as("map of %d, hashed %s, address %d", map.starts().length, hashed.get(t), address)
                                .isEqualTo(map.lookup(address));
                    }
                }
            }
            for (long address : new long[] {0, 1, 0x7FFF_FFFFL, 0x8000_0000L, LAST - 1, LAST}) {
                assertThat(trees.lookup(tree, address)).isEqualTo(map.lookup(address));
            }
            for (int i = 0; i < 200; i++) {
                long address = random.nextLong(LAST + 1);
                assertThat(trees.lookup(tree, address)).isEqualTo(map.lookup(address));
            }
        }
    }

    @Test
    void oneAddressIntervalsMoveToTheHashTableAndTheTreeKeepsTheRest() {
        // 0.0.0.0 alone, 10.0.0.0-10.0.0.19 one address each, 10.0.0.7 refused (-1) and 255.255.255.255 alone
        long base = 0x0A00_0000L;
        List<Long> starts = new ArrayList<>(List.of(0L, 1L));
        List<Integer> values = new ArrayList<>(List.of(100, AddressIndex.NONE));
        for (int i = 0; i < 20; i++) {
            starts.add(base + i);
            values.add(i == 7 ? AddressIndex.NONE : i);
        }
        starts.add(base + 20);
        values.add(AddressIndex.NONE);
        starts.add(LAST);
        values.add(200);
        Ipv4Trees.Builder builder = new Ipv4Trees.Builder();
        int tree = builder.add(
                starts.stream().mapToLong(Long::longValue).toArray(),
                values.stream().mapToInt(Integer::intValue).toArray(),
                starts.size(),
                true);
        Ipv4Trees trees = builder.build();

        // 19 one-address intervals are hashed: the tree keeps 0.0.0.0, the rest of the space and the end
        assertThat(trees.size(tree)).isEqualTo(3);
        assertThat(trees.lookup(tree, 0)).isEqualTo(100);
        assertThat(trees.lookup(tree, 1)).isEqualTo(AddressIndex.NONE);
        for (int i = 0; i < 20; i++) {
            assertThat(trees.lookup(tree, base + i)).isEqualTo(i == 7 ? AddressIndex.NONE : i);
        }
        assertThat(trees.lookup(tree, base - 1)).isEqualTo(AddressIndex.NONE);
        assertThat(trees.lookup(tree, base + 20)).isEqualTo(AddressIndex.NONE);
        assertThat(trees.lookup(tree, LAST - 1)).isEqualTo(AddressIndex.NONE);
        assertThat(trees.lookup(tree, LAST)).isEqualTo(200);
    }

    @Test
    void endsOfTheAddressSpaceAreTheirOwnIntervals() {
        Ipv4Trees.Builder builder = new Ipv4Trees.Builder();
        int tree = builder.add(new long[] {0, 1, LAST}, new int[] {7, 8, 9}, 3);
        Ipv4Trees trees = builder.build();

        assertThat(trees.lookup(tree, 0)).isEqualTo(7);
        assertThat(trees.lookup(tree, 1)).isEqualTo(8);
        assertThat(trees.lookup(tree, LAST - 1)).isEqualTo(8);
        assertThat(trees.lookup(tree, LAST)).isEqualTo(9);
        assertThat(trees.start(tree, 2)).isEqualTo(LAST);
    }

    @Test
    void oneIntervalCoversEveryAddress() {
        Ipv4Trees.Builder builder = new Ipv4Trees.Builder();
        builder.add(new long[] {0, 5}, new int[] {1, 2}, 2); // another tree first: offsets are not 0
        int tree = builder.add(new long[] {0}, new int[] {42}, 1);
        Ipv4Trees trees = builder.build();

        assertThat(trees.lookup(tree, 0)).isEqualTo(42);
        assertThat(trees.lookup(tree, 0x0A00_0001L)).isEqualTo(42);
        assertThat(trees.lookup(tree, LAST)).isEqualTo(42);
    }

    @Test
    void rejectsStartsThatDoNotAscendFromZeroWithin32Bits() {
        Ipv4Trees.Builder builder = new Ipv4Trees.Builder();

        assertThatThrownBy(() -> builder.add(new long[] {1, 2}, new int[] {0, 0}, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.add(new long[] {0, 9, 9}, new int[] {0, 0, 0}, 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.add(new long[] {0, LAST + 1}, new int[] {0, 0}, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
