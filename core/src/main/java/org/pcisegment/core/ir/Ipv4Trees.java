package org.pcisegment.core.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * Static search trees over IPv4 maps (every address to an int, as ascending interval starts with
 * their values), many of them packed into two shared arrays so that a lookup follows no object
 * references. A tree is levels of 16-slot blocks: inner levels hold every 16th start of the level
 * below as ints (a block is one or two cache lines), leaves hold start and value in one long (two
 * or three lines). A lookup counts, in one block per level, the slots whose start is at or below
 * the address, with no branch on the data; every level is padded to whole blocks with a key no
 * address reaches, so the count needs no bounds. The top level is counted whole and may hold up to
 * {@value #TOP} keys, whose loads all go out at once: up to 1,024 intervals take two dependent
 * steps, up to 16,384 three.
 *
 * <p>Keys are stored as {@code (start - 1) ^ 0x8000_0000}, so that "start <= address" is one signed
 * int comparison {@code key < address ^ 0x8000_0000} and the padding key {@code Integer.MAX_VALUE}
 * (start 2^32, beyond every address) fails it. Start 0 has no such key, and needs none: slot 0 of a
 * visited block is never compared, because it is the very start the level above chose, which is at
 * or below the address (the first block of the top level starts at 0).
 *
 * <p>Layout of the tree at {@code inner[tree]}: the number of inner levels {@code L}, the offset of
 * its leaves in {@code leaves}, the number of intervals, the number of keys of the top level, then
 * the offsets of its inner levels in {@code inner}, top first.
 */
final class Ipv4Trees {
    static final int BLOCK = 16;
    /** The most keys of a top level: with 16-slot leaves, up to 1,024 intervals take two steps. */
    static final int TOP = 64;

    private static final int SIGN = Integer.MIN_VALUE;
    /** The key of start 2^32: no address reaches it. Fills the unused slots of a level's last block. */
    private static final int PAD = Integer.MAX_VALUE;

    private static final int LEVELS = 0;
    private static final int LEAF_OFFSET = 1;
    private static final int SIZE = 2;
    private static final int TOP_SIZE = 3;
    private static final int LEVEL_OFFSETS = 4;

    private final int[] inner;
    private final long[] leaves;

    private Ipv4Trees(int[] inner, long[] leaves) {
        this.inner = inner;
        this.leaves = leaves;
    }

    /** The value of the interval holding {@code address} (an unsigned 32-bit value) in a tree. */
    int lookup(int tree, long address) {
        int[] keys = inner;
        int target = (int) address ^ SIGN;
        int levels = keys[tree + LEVELS];
        int block = 0;
        if (levels > 0) {
            // the top level is counted whole: its up to TOP keys are loaded side by side
            int from = keys[tree + LEVEL_OFFSETS];
            int to = from + keys[tree + TOP_SIZE];
            for (int i = from + 1; i < to; i++) {
                block += keys[i] < target ? 1 : 0;
            }
            for (int level = 1; level < levels; level++) {
                from = keys[tree + LEVEL_OFFSETS + level] + block * BLOCK;
                int count = 0;
                for (int i = 1; i < BLOCK; i++) {
                    count += keys[from + i] < target ? 1 : 0;
                }
                block = block * BLOCK + count;
            }
        }
        long[] leaf = leaves;
        int from = keys[tree + LEAF_OFFSET] + block * BLOCK;
        int count = 0;
        for (int i = 1; i < BLOCK; i++) {
            count += (int) (leaf[from + i] >>> 32) < target ? 1 : 0;
        }
        return (int) leaf[from + count];
    }

    /** Number of intervals of a tree. */
    int size(int tree) {
        return inner[tree + SIZE];
    }

    /** The first address of interval {@code i} of a tree. */
    long start(int tree, int i) {
        return i == 0 ? 0 : (((int) (leaves[inner[tree + LEAF_OFFSET] + i] >>> 32) ^ SIGN) & 0xFFFF_FFFFL) + 1;
    }

    /** The value of interval {@code i} of a tree. */
    int value(int tree, int i) {
        return (int) leaves[inner[tree + LEAF_OFFSET] + i];
    }

    /** Ints and longs held, for memory accounting. */
    long bytes() {
        return 4L * inner.length + 8L * leaves.length;
    }

    private static int key(long start) {
        return (int) (start - 1) ^ SIGN;
    }

    /** Packs trees one after another. */
    static final class Builder {
        private final IntArray inner = new IntArray();
        private final LongArray leaves = new LongArray();

        /**
         * Adds the tree of the map whose interval {@code i < n} starts at {@code starts[i]} (ascending,
         * the first 0, all below 2^32) with value {@code values[i]}; returns the tree's offset.
         */
        int add(long[] starts, int[] values, int n) {
            if (n < 1 || starts[0] != 0) {
                throw new IllegalArgumentException("an IPv4 map starts at address 0");
            }
            for (int i = 1; i < n; i++) {
                if (starts[i] <= starts[i - 1] || starts[i] > 0xFFFF_FFFFL) {
                    throw new IllegalArgumentException("IPv4 interval starts must ascend within 32 bits");
                }
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
            while (belowSize > BLOCK && (levels.isEmpty() || belowSize > TOP)) {
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
            inner.add(levels.isEmpty() ? 0 : levels.getFirst().length);
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
            return new Ipv4Trees(inner.toArray(), leaves.toArray());
        }
    }
}
