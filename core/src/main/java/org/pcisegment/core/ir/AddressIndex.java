package org.pcisegment.core.ir;

import java.util.Arrays;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.IpFamily;
import org.pcisegment.core.net.IpRange;

/**
 * A map from every IPv4 and IPv6 address to an int (-1 for "nothing"), kept as the sorted starts
 * of its elementary intervals: the value holds from one start up to the next. IPv4 lookups walk a
 * static search tree of 16-slot blocks ({@link Ipv4Trees}), about one cache miss per level instead
 * of one per binary-search step. IPv6 uses a plain binary search. There is no scan.
 */
final class AddressIndex {
    static final int NONE = -1;
    private static final int V4_TREE = 0;

    private final Ipv4Trees v4;

    private final long[] v6Hi;
    private final long[] v6Lo;
    private final int[] v6Values;

    private AddressIndex(long[] v4Starts, int[] v4Values, long[] v6Hi, long[] v6Lo, int[] v6Values) {
        Ipv4Trees.Builder trees = new Ipv4Trees.Builder();
        trees.add(v4Starts, v4Values, v4Starts.length);
        this.v4 = trees.build();
        this.v6Hi = v6Hi;
        this.v6Lo = v6Lo;
        this.v6Values = v6Values;
    }

    int lookup(IpAddress address) {
        return address.family() == IpFamily.V4 ? lookupV4(address.lo()) : lookupV6(address.hi(), address.lo());
    }

    int lookupV4(long address) {
        return v4.lookup(V4_TREE, address);
    }

    /**
     * Adds this map's IPv4 part to {@code trees} with every value but {@link #NONE} passed through
     * {@code value}; returns the new tree's offset.
     */
    int addV4To(Ipv4Trees.Builder trees, IntUnaryOperator value) {
        return addV4To(trees, value, false);
    }

    /** {@link #addV4To(Ipv4Trees.Builder, IntUnaryOperator)}, one-address intervals hashed if {@code hashExact}. */
    int addV4To(Ipv4Trees.Builder trees, IntUnaryOperator value, boolean hashExact) {
        int n = v4.size(V4_TREE);
        long[] starts = new long[n];
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            starts[i] = v4.start(V4_TREE, i);
            int v = v4.value(V4_TREE, i);
            values[i] = v == NONE ? NONE : value.applyAsInt(v);
        }
        return trees.add(starts, values, n, hashExact);
    }

    int lookupV6(long hi, long lo) {
        long[] his = v6Hi;
        long[] los = v6Lo;
        int base = 0;
        int n = his.length;
        while (n > 1) {
            int half = n >>> 1;
            int m = base + half;
            int byHigh = Long.compareUnsigned(his[m], hi);
            boolean startsAtOrBefore = byHigh < 0 || (byHigh == 0 && Long.compareUnsigned(los[m], lo) <= 0);
            base = startsAtOrBefore ? m : base;
            n -= half;
        }
        return v6Values[base];
    }

    /** What {@link #uniformV4Value} returns when a range holds addresses of more than one value. */
    static final int MIXED = -2;

    /** The value of every address in an IPv4 range, or {@link #MIXED} if they differ. */
    int uniformV4Value(IpRange range) {
        long first = range.first().lo();
        long last = range.last().lo();
        int low = 0;
        int high = v4.size(V4_TREE) - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (v4.start(V4_TREE, mid) <= first) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        boolean withinOne = low + 1 == v4.size(V4_TREE) || v4.start(V4_TREE, low + 1) > last;
        return withinOne ? v4.value(V4_TREE, low) : MIXED;
    }

    /** Number of elementary intervals, both families. */
    int size() {
        return v4.size(V4_TREE) + v6Hi.length;
    }

    /** A consumer of the intervals of the map, in ascending order, IPv4 first. */
    interface IntervalVisitor {
        void visit(IpRange range, int value);
    }

    /** Visits every interval whose value passes {@code wanted}. */
    void forEach(IntPredicate wanted, IntervalVisitor visitor) {
        int v4Size = v4.size(V4_TREE);
        for (int i = 0; i < v4Size; i++) {
            int value = v4.value(V4_TREE, i);
            if (wanted.test(value)) {
                long end = i + 1 < v4Size ? v4.start(V4_TREE, i + 1) - 1 : 0xFFFF_FFFFL;
                visitor.visit(new IpRange(IpAddress.v4(v4.start(V4_TREE, i)), IpAddress.v4(end)), value);
            }
        }
        for (int i = 0; i < v6Hi.length; i++) {
            if (wanted.test(v6Values[i])) {
                long endHi = -1L;
                long endLo = -1L;
                if (i + 1 < v6Hi.length) {
                    endLo = v6Lo[i + 1] - 1;
                    endHi = v6Lo[i + 1] == 0 ? v6Hi[i + 1] - 1 : v6Hi[i + 1];
                }
                visitor.visit(new IpRange(IpAddress.v6(v6Hi[i], v6Lo[i]), IpAddress.v6(endHi, endLo)), v6Values[i]);
            }
        }
    }

    static Builder builder() {
        return new Builder();
    }

    /**
     * Builds the map by "from this address on, the value is v" steps, in ascending address order
     * per family. Every address starts as {@link #NONE}.
     */
    static final class Builder {
        private final Steps v4 = new Steps();
        private final Steps v6 = new Steps();

        /** From {@code (hi, lo)} on, the value is {@code value}, until the next step. */
        Builder step(IpFamily family, long hi, long lo, int value) {
            (family == IpFamily.V4 ? v4 : v6).step(hi, lo, value);
            return this;
        }

        /** Sets a range to {@code value}; ranges must come in ascending order and not overlap. */
        Builder put(IpRange range, int value) {
            IpFamily family = range.family();
            step(family, range.first().hi(), range.first().lo(), value);
            long endHi = range.last().hi();
            long endLo = range.last().lo();
            boolean lastAddress = family == IpFamily.V4 ? endLo == 0xFFFF_FFFFL : endHi == -1L && endLo == -1L;
            if (!lastAddress) {
                long nextLo = endLo + 1;
                step(family, nextLo == 0 ? endHi + 1 : endHi, nextLo, NONE);
            }
            return this;
        }

        AddressIndex build() {
            return new AddressIndex(
                    Arrays.copyOf(v4.lo, v4.size),
                    Arrays.copyOf(v4.values, v4.size),
                    Arrays.copyOf(v6.hi, v6.size),
                    Arrays.copyOf(v6.lo, v6.size),
                    Arrays.copyOf(v6.values, v6.size));
        }
    }

    /** The steps of one family, starting with NONE at address 0; equal neighbours are merged. */
    private static final class Steps {
        long[] hi = new long[8];
        long[] lo = new long[8];
        int[] values = new int[8];
        int size = 1;

        Steps() {
            values[0] = NONE;
        }

        void step(long stepHi, long stepLo, int value) {
            int last = size - 1;
            if (hi[last] == stepHi && lo[last] == stepLo) {
                values[last] = value;
                if (last > 0 && values[last - 1] == value) {
                    size--;
                }
                return;
            }
            if (Long.compareUnsigned(hi[last], stepHi) > 0
                    || (hi[last] == stepHi && Long.compareUnsigned(lo[last], stepLo) > 0)) {
                throw new IllegalArgumentException("address steps must ascend");
            }
            if (values[last] == value) {
                return;
            }
            if (size == hi.length) {
                hi = Arrays.copyOf(hi, size * 2);
                lo = Arrays.copyOf(lo, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            hi[size] = stepHi;
            lo[size] = stepLo;
            values[size] = value;
            size++;
        }
    }
}
