package org.pcisegment.core.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exact set algebra over unsigned 128-bit integers, kept as sorted, disjoint, non-adjacent closed
 * ranges. One implementation serves IPv4 and IPv6 prefix sets and port sets, so the algebra is
 * written (and property-tested) once. Instances are immutable and canonical: equal sets have equal
 * arrays.
 */
final class U128Ranges {
    static final U128Ranges EMPTY = new U128Ranges(new long[0]);

    /** Four longs per range: start high, start low, end high, end low (all unsigned). */
    private final long[] r;

    private int hash;

    private U128Ranges(long[] ranges) {
        this.r = ranges;
    }

    static U128Ranges of(long startHi, long startLo, long endHi, long endLo) {
        if (compare(startHi, startLo, endHi, endLo) > 0) {
            throw new IllegalArgumentException("range start after end");
        }
        return new U128Ranges(new long[] {startHi, startLo, endHi, endLo});
    }

    int size() {
        return r.length / 4;
    }

    boolean isEmpty() {
        return r.length == 0;
    }

    long startHi(int i) {
        return r[4 * i];
    }

    long startLo(int i) {
        return r[4 * i + 1];
    }

    long endHi(int i) {
        return r[4 * i + 2];
    }

    long endLo(int i) {
        return r[4 * i + 3];
    }

    static int compare(long aHi, long aLo, long bHi, long bLo) {
        int byHigh = Long.compareUnsigned(aHi, bHi);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(aLo, bLo);
    }

    boolean contains(long hi, long lo) {
        int low = 0;
        int high = size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (compare(startHi(mid), startLo(mid), hi, lo) > 0) {
                high = mid - 1;
            } else if (compare(endHi(mid), endLo(mid), hi, lo) < 0) {
                low = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    U128Ranges union(U128Ranges other) {
        if (other.isEmpty() || other == this) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        Builder out = new Builder(size() + other.size());
        int i = 0;
        int j = 0;
        while (i < size() || j < other.size()) {
            boolean takeMine = j >= other.size()
                    || (i < size() && compare(startHi(i), startLo(i), other.startHi(j), other.startLo(j)) <= 0);
            if (takeMine) {
                out.addCoalescing(startHi(i), startLo(i), endHi(i), endLo(i));
                i++;
            } else {
                out.addCoalescing(other.startHi(j), other.startLo(j), other.endHi(j), other.endLo(j));
                j++;
            }
        }
        return out.build();
    }

    U128Ranges intersect(U128Ranges other) {
        // Shortcuts for the common cases of analysis (equal or single-range sets) that allocate nothing.
        if (isEmpty() || other.isEmpty()) {
            return EMPTY;
        }
        if (other.size() == 1 && other.covers(this)) {
            return this;
        }
        if (size() == 1 && covers(other)) {
            return other;
        }
        Builder out = new Builder(Math.min(size(), other.size()));
        int i = 0;
        int j = 0;
        while (i < size() && j < other.size()) {
            long sHi;
            long sLo;
            if (compare(startHi(i), startLo(i), other.startHi(j), other.startLo(j)) >= 0) {
                sHi = startHi(i);
                sLo = startLo(i);
            } else {
                sHi = other.startHi(j);
                sLo = other.startLo(j);
            }
            boolean mineEndsFirst = compare(endHi(i), endLo(i), other.endHi(j), other.endLo(j)) <= 0;
            long eHi = mineEndsFirst ? endHi(i) : other.endHi(j);
            long eLo = mineEndsFirst ? endLo(i) : other.endLo(j);
            if (compare(sHi, sLo, eHi, eLo) <= 0) {
                out.addCoalescing(sHi, sLo, eHi, eLo);
            }
            if (mineEndsFirst) {
                i++;
            } else {
                j++;
            }
        }
        return out.build();
    }

    U128Ranges minus(U128Ranges other) {
        if (isEmpty() || other.isEmpty()) {
            return this;
        }
        Builder out = new Builder(size() + other.size());
        int j = 0;
        for (int i = 0; i < size(); i++) {
            long curHi = startHi(i);
            long curLo = startLo(i);
            long endHi = endHi(i);
            long endLo = endLo(i);
            boolean remaining = true;
            while (j < other.size() && compare(other.endHi(j), other.endLo(j), curHi, curLo) < 0) {
                j++;
            }
            int k = j;
            while (remaining && k < other.size()) {
                long cutSHi = other.startHi(k);
                long cutSLo = other.startLo(k);
                if (compare(cutSHi, cutSLo, endHi, endLo) > 0) {
                    break;
                }
                if (compare(cutSHi, cutSLo, curHi, curLo) > 0) {
                    long beforeLo = cutSLo - 1;
                    long beforeHi = cutSLo == 0 ? cutSHi - 1 : cutSHi;
                    out.addCoalescing(curHi, curLo, beforeHi, beforeLo);
                }
                long cutEHi = other.endHi(k);
                long cutELo = other.endLo(k);
                if (compare(cutEHi, cutELo, endHi, endLo) >= 0) {
                    remaining = false;
                } else {
                    curLo = cutELo + 1;
                    curHi = curLo == 0 ? cutEHi + 1 : cutEHi;
                    k++;
                }
            }
            if (remaining) {
                out.addCoalescing(curHi, curLo, endHi, endLo);
            }
        }
        return out.build();
    }

    /**
     * The union of many sets. When the sets come in ascending order without overlap (workloads
     * listed in address order do), their ranges are concatenated in one pass; otherwise all ranges
     * are sorted by start once (as primitive keys when the starts fit in 32 bits, as IPv4
     * addresses and ports do) and coalesced.
     */
    static U128Ranges unionAll(List<U128Ranges> sets) {
        List<U128Ranges> nonEmpty = new ArrayList<>(sets.size());
        int total = 0;
        boolean ascending = true;
        for (U128Ranges set : sets) {
            if (set.isEmpty()) {
                continue;
            }
            if (!nonEmpty.isEmpty()) {
                U128Ranges previous = nonEmpty.getLast();
                int end = previous.size() - 1;
                ascending &= compare(previous.endHi(end), previous.endLo(end), set.startHi(0), set.startLo(0)) < 0;
            }
            nonEmpty.add(set);
            total += set.size();
        }
        if (nonEmpty.isEmpty()) {
            return EMPTY;
        }
        if (nonEmpty.size() == 1) {
            return nonEmpty.getFirst();
        }
        long[] all = new long[4 * total];
        int at = 0;
        boolean narrow = true;
        for (U128Ranges set : nonEmpty) {
            System.arraycopy(set.r, 0, all, at, set.r.length);
            at += set.r.length;
            narrow &= set.r[set.r.length - 4] == 0
                    && (set.r[set.r.length - 3] >>> 32) == 0; // the last start is the largest
        }
        Builder out = new Builder(total);
        if (ascending) {
            for (int i = 0; i < total; i++) {
                out.addCoalescing(all[4 * i], all[4 * i + 1], all[4 * i + 2], all[4 * i + 3]);
            }
        } else if (narrow) {
            // start in the high half (sign bit flipped, so signed order is unsigned order), index low
            long[] keys = new long[total];
            for (int i = 0; i < total; i++) {
                keys[i] = (all[4 * i + 1] ^ 0x8000_0000L) << 32 | i;
            }
            Arrays.sort(keys);
            for (long key : keys) {
                int i = (int) key;
                out.addCoalescing(all[4 * i], all[4 * i + 1], all[4 * i + 2], all[4 * i + 3]);
            }
        } else {
            Integer[] order = new Integer[total];
            for (int i = 0; i < total; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> compare(all[4 * x], all[4 * x + 1], all[4 * y], all[4 * y + 1]));
            for (int i : order) {
                out.addCoalescing(all[4 * i], all[4 * i + 1], all[4 * i + 2], all[4 * i + 3]);
            }
        }
        return out.build();
    }

    boolean containsAll(U128Ranges other) {
        return other.minus(this).isEmpty();
    }

    boolean overlaps(U128Ranges other) {
        int i = 0;
        int j = 0;
        while (i < size() && j < other.size()) {
            if (compare(endHi(i), endLo(i), other.startHi(j), other.startLo(j)) < 0) {
                i++;
            } else if (compare(other.endHi(j), other.endLo(j), startHi(i), startLo(i)) < 0) {
                j++;
            } else {
                return true;
            }
        }
        return false;
    }

    /** Whether this set's first range spans from the other's first start to its last end. */
    private boolean covers(U128Ranges other) {
        int last = other.size() - 1;
        return compare(startHi(0), startLo(0), other.startHi(0), other.startLo(0)) <= 0
                && compare(endHi(0), endLo(0), other.endHi(last), other.endLo(last)) >= 0;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof U128Ranges other && Arrays.equals(r, other.r));
    }

    @Override
    public int hashCode() {
        // Sets are map keys in the analysis (merging openings): hash each once. Racy but benign,
        // like String's: every thread computes the same value.
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(r);
            hash = h;
        }
        return h;
    }

    /** Collects ranges in ascending start order, merging overlapping and adjacent ones. */
    static final class Builder {
        private final int expectedRanges;
        private long[] data = EMPTY.r;
        private int length;

        /** The array is allocated at the first range: many intersections come out empty. */
        Builder(int expectedRanges) {
            this.expectedRanges = Math.max(1, expectedRanges);
        }

        void addCoalescing(long sHi, long sLo, long eHi, long eLo) {
            if (length > 0) {
                long lastEHi = data[length - 2];
                long lastELo = data[length - 1];
                long nextLo = lastELo + 1;
                long nextHi = nextLo == 0 ? lastEHi + 1 : lastEHi;
                boolean lastIsMax = lastEHi == -1L && lastELo == -1L;
                if (lastIsMax || compare(sHi, sLo, nextHi, nextLo) <= 0) {
                    if (compare(eHi, eLo, lastEHi, lastELo) > 0) {
                        data[length - 2] = eHi;
                        data[length - 1] = eLo;
                    }
                    return;
                }
            }
            if (length + 4 > data.length) {
                data = Arrays.copyOf(data, Math.max(4 * expectedRanges, data.length * 2));
            }
            data[length++] = sHi;
            data[length++] = sLo;
            data[length++] = eHi;
            data[length++] = eLo;
        }

        U128Ranges build() {
            if (length == 0) {
                return EMPTY;
            }
            // The builder is dropped after build: a full array becomes the set without a copy.
            return new U128Ranges(length == data.length ? data : Arrays.copyOf(data, length));
        }
    }
}
