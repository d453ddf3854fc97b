package org.pcisegment.core.ir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Static search trees over IPv4 maps (every address to an int, as ascending interval starts with
 * their values), many of them packed into shared arrays so that a lookup follows no object
 * references. A tree is levels of 16-slot blocks: inner levels hold every 16th start of the level
 * below as ints (a block is one or two cache lines), leaves hold start and value in one long (two
 * or three lines). A lookup counts, in one block per level, the slots whose start is at or below
 * the address, with no branch on the data; every level is padded to whole blocks with a key no
 * address reaches, so the count needs no bounds. Up to 256 intervals take two steps, up to 4,096
 * three.
 *
 * <p>A map may also keep its one-address intervals (inventory hosts: the peers of podSelector
 * rules, the workloads themselves) in an open-addressing hash table beside the tree: such an
 * address is then found with one multiplication and usually one load, and the tree holds only the
 * intervals that are left, each one-address interval folded into the interval before it.
 *
 * <p>Keys are stored as {@code (start - 1) ^ 0x8000_0000}, so that "start <= address" is one signed
 * int comparison {@code key < address ^ 0x8000_0000} and the padding key {@code Integer.MAX_VALUE}
 * (start 2^32, beyond every address) fails it. Start 0 has no such key, and needs none: slot 0 of a
 * visited block is never compared, because it is the very start the level above chose, which is at
 * or below the address (the first block of the top level starts at 0).
 *
 * <p>Layout of the map at {@code inner[tree]}: the number of inner levels, the offset of its
 * leaves in {@code leaves}, the number of intervals in the tree, the offset of its hash table in
 * {@code exact} (-1 for none) and the table's size as a power of two, then the offsets of its inner
 * levels in {@code inner}, top first.
 */
final class Ipv4Trees {
    static final int BLOCK = 16;
    private static final int SIGN = Integer.MIN_VALUE;
    /** The key of start 2^32: no address reaches it. Fills the unused slots of a level's last block. */
    private static final int PAD = Integer.MAX_VALUE;
    /** An empty hash slot. No entry equals it: entries never hold the value -1. */
    private static final long EMPTY = -1L;
    /** A map keeps a hash table when it has at least this many one-address intervals. */
    static final int MIN_EXACT = BLOCK;

    private static final int LEVELS = 0;
    private static final int LEAF_OFFSET = 1;
    private static final int SIZE = 2;
    private static final int EXACT_OFFSET = 3;
    private static final int EXACT_BITS = 4;
    private static final int LEVEL_OFFSETS = 5;

    private final int[] inner;
    private final long[] leaves;
    private final long[] exact;

    private Ipv4Trees(int[] inner, long[] leaves, long[] exact) {
        this.inner = inner;
        this.leaves = leaves;
        this.exact = exact;
    }

    /** The value of the interval holding {@code address} (an unsigned 32-bit value) in a map. */
    int lookup(int tree, long address) {
        int[] keys = inner;
        int table = keys[tree + EXACT_OFFSET];
        if (table >= 0) {
            int bits = keys[tree + EXACT_BITS];
            int mask = (1 << bits) - 1;
            long[] entries = exact;
            int slot = slot(address, bits);
            while (true) {
                long entry = entries[table + slot];
                if (entry == EMPTY) {
                    break;
                }
                if (entry >>> 32 == address) {
                    return (int) entry;
                }
                slot = (slot + 1) & mask;
            }
        }
        int target = (int) address ^ SIGN;
        int levels = keys[tree + LEVELS];
        int block = 0;
        for (int level = 0; level < levels; level++) {
            int from = keys[tree + LEVEL_OFFSETS + level] + block * BLOCK;
            int count = 0;
            for (int i = 1; i < BLOCK; i++) {
                count += keys[from + i] < target ? 1 : 0;
            }
            block = block * BLOCK + count;
        }
        long[] leaf = leaves;
        int from = keys[tree + LEAF_OFFSET] + block * BLOCK;
        int count = 0;
        for (int i = 1; i < BLOCK; i++) {
            count += (int) (leaf[from + i] >>> 32) < target ? 1 : 0;
        }
        return (int) leaf[from + count];
    }

    /** Fibonacci hashing: the top {@code bits} bits of the address times 2^64 / phi. */
    private static int slot(long address, int bits) {
        return (int) ((address * 0x9E37_79B9_7F4A_7C15L) >>> (64 - bits));
    }

    /** Number of intervals of a map's tree. */
    int size(int tree) {
        return inner[tree + SIZE];
    }

    /** The first address of interval {@code i} of a map's tree. */
    long start(int tree, int i) {
        return i == 0 ? 0 : (((int) (leaves[inner[tree + LEAF_OFFSET] + i] >>> 32) ^ SIGN) & 0xFFFF_FFFFL) + 1;
    }

    /** The value of interval {@code i} of a map's tree. */
    int value(int tree, int i) {
        return (int) leaves[inner[tree + LEAF_OFFSET] + i];
    }

    /** Bytes of the arrays, for memory accounting. */
    long bytes() {
        return 4L * inner.length + 8L * leaves.length + 8L * exact.length;
    }

    private static int key(long start) {
        return (int) (start - 1) ^ SIGN;
    }

    /** Packs maps one after another. */
    static final class Builder {
        private final IntArray inner = new IntArray();
        private final LongArray leaves = new LongArray();
        private final LongArray exact = new LongArray();

        /**
         * Adds the map whose interval {@code i < n} starts at {@code starts[i]} (ascending, the first
         * 0, all below 2^32) with value {@code values[i]}, all in the tree; returns the map's offset.
         */
        int add(long[] starts, int[] values, int n) {
            return add(starts, values, n, false);
        }

        /**
         * {@link #add(long[], int[], int)}, with the one-address intervals in a hash table if {@code
         * hashExact} and there are at least {@value #MIN_EXACT} of them. Such a map can be looked up
         * but not listed ({@link #start}, {@link #value} see only what its tree holds).
         */
        int add(long[] starts, int[] values, int n, boolean hashExact) {
            if (n < 1 || starts[0] != 0) {
                throw new IllegalArgumentException("an IPv4 map starts at address 0");
            }
            for (int i = 1; i < n; i++) {
                if (starts[i] <= starts[i - 1] || starts[i] > 0xFFFF_FFFFL) {
                    throw new IllegalArgumentException("IPv4 interval starts must ascend within 32 bits");
                }
            }
            boolean[] single = new boolean[n];
            int singles = 0;
            // interval 0 and the last address stay in the tree: the tree starts at 0, and
            // 255.255.255.255 with value -1 would read as an empty slot
            for (int i = 1; i + 1 < n; i++) {
                single[i] = starts[i + 1] - starts[i] == 1 && values[i] != AddressIndex.NONE;
                singles += single[i] ? 1 : 0;
            }
            int table = -1;
            int bits = 0;
            if (hashExact && singles >= MIN_EXACT) {
                // at most half full, so that a miss usually ends at the first or second slot
                bits = 64 - Long.numberOfLeadingZeros(2L * singles - 1);
                table = exact.size();
                long[] slots = new long[1 << bits];
                Arrays.fill(slots, EMPTY);
                int mask = slots.length - 1;
                long[] kept = new long[n];
                int[] keptValues = new int[n];
                int size = 0;
                for (int i = 0; i < n; i++) {
                    if (single[i]) {
                        int slot = slot(starts[i], bits);
                        while (slots[slot] != EMPTY) {
                            slot = (slot + 1) & mask;
                        }
                        slots[slot] = starts[i] << 32 | (values[i] & 0xFFFF_FFFFL);
                    } else if (size == 0 || keptValues[size - 1] != values[i]) {
                        kept[size] = starts[i];
                        keptValues[size] = values[i];
                        size++;
                    }
                }
                for (long slot : slots) {
                    exact.add(slot);
                }
                starts = kept;
                values = keptValues;
                n = size;
            }
            int leafOffset = leaves.size();
            for (int i = 0; i < n; i++) {
                leaves.add((long) key(starts[i]) << 32 | (values[i] & 0xFFFF_FFFFL));
            }
            for (int i = n; i % BLOCK != 0; i++) {
                leaves.add((long) PAD << 32);
            }
            List<long[]> levels = new ArrayList<>();
            long[] below = starts;
            int belowSize = n;
            while (belowSize > BLOCK) {
                long[] level = new long[(belowSize + BLOCK - 1) / BLOCK];
                for (int i = 0; i < level.length; i++) {
                    level[i] = below[i * BLOCK];
                }
                levels.addFirst(level);
                below = level;
                belowSize = level.length;
            }
            int tree = inner.size();
            inner.add(levels.size());
            inner.add(leafOffset);
            inner.add(n);
            inner.add(table);
            inner.add(bits);
            int offsets = inner.size();
            for (int i = 0; i < levels.size(); i++) {
                inner.add(0);
            }
            for (int k = 0; k < levels.size(); k++) {
                inner.set(offsets + k, inner.size());
                long[] level = levels.get(k);
                for (long start : level) {
                    inner.add(key(start));
                }
                for (int i = level.length; i % BLOCK != 0; i++) {
                    inner.add(PAD);
                }
            }
            return tree;
        }

        Ipv4Trees build() {
            return new Ipv4Trees(inner.toArray(), leaves.toArray(), exact.toArray());
        }
    }
}
