package org.pcisegment.core.net;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * An exact set of IPv4 and IPv6 addresses with union, intersection, difference, containment and
 * equality. Immutable and canonical: two sets holding the same addresses are {@code equals}.
 */
public final class PrefixSet {
    private static final long V4_MAX = 0xFFFF_FFFFL;
    private static final PrefixSet EMPTY = new PrefixSet(U128Ranges.EMPTY, U128Ranges.EMPTY);
    private static final PrefixSet ALL_V4 = new PrefixSet(U128Ranges.of(0, 0, 0, V4_MAX), U128Ranges.EMPTY);
    private static final PrefixSet ALL_V6 = new PrefixSet(U128Ranges.EMPTY, U128Ranges.of(0, 0, -1L, -1L));
    private static final PrefixSet ALL = ALL_V4.union(ALL_V6);

    private final U128Ranges v4;
    private final U128Ranges v6;

    private PrefixSet(U128Ranges v4, U128Ranges v6) {
        this.v4 = v4;
        this.v6 = v6;
    }

    public static PrefixSet empty() {
        return EMPTY;
    }

    /** Every IPv4 and IPv6 address. */
    public static PrefixSet all() {
        return ALL;
    }

    public static PrefixSet all(IpFamily family) {
        return family == IpFamily.V4 ? ALL_V4 : ALL_V6;
    }

    public static PrefixSet of(Cidr cidr) {
        return range(cidr.network(), cidr.last());
    }

    public static PrefixSet of(IpAddress address) {
        return range(address, address);
    }

    public static PrefixSet of(String... cidrs) {
        PrefixSet result = EMPTY;
        for (String cidr : cidrs) {
            result = result.union(of(Cidr.of(cidr)));
        }
        return result;
    }

    /** The addresses from {@code first} to {@code last} inclusive (same family). */
    public static PrefixSet range(IpAddress first, IpAddress last) {
        if (first.family() != last.family()) {
            throw new IllegalArgumentException("range across address families");
        }
        U128Ranges ranges = U128Ranges.of(first.hi(), first.lo(), last.hi(), last.lo());
        return first.family() == IpFamily.V4
                ? new PrefixSet(ranges, U128Ranges.EMPTY)
                : new PrefixSet(U128Ranges.EMPTY, ranges);
    }

    /** The union of many sets, computed in one sort instead of one copy per set. */
    public static PrefixSet unionAll(Collection<PrefixSet> sets) {
        List<U128Ranges> v4s = new ArrayList<>(sets.size());
        List<U128Ranges> v6s = new ArrayList<>(sets.size());
        for (PrefixSet set : sets) {
            v4s.add(set.v4);
            v6s.add(set.v6);
        }
        return new PrefixSet(U128Ranges.unionAll(v4s), U128Ranges.unionAll(v6s));
    }

    public boolean isEmpty() {
        return v4.isEmpty() && v6.isEmpty();
    }

    public PrefixSet union(PrefixSet other) {
        return new PrefixSet(v4.union(other.v4), v6.union(other.v6));
    }

    public PrefixSet intersect(PrefixSet other) {
        return new PrefixSet(v4.intersect(other.v4), v6.intersect(other.v6));
    }

    public PrefixSet minus(PrefixSet other) {
        return new PrefixSet(v4.minus(other.v4), v6.minus(other.v6));
    }

    public PrefixSet complement() {
        return ALL.minus(this);
    }

    public boolean contains(IpAddress address) {
        return address.family() == IpFamily.V4
                ? v4.contains(address.hi(), address.lo())
                : v6.contains(address.hi(), address.lo());
    }

    public boolean containsAll(PrefixSet other) {
        return v4.containsAll(other.v4) && v6.containsAll(other.v6);
    }

    public boolean overlaps(PrefixSet other) {
        return v4.overlaps(other.v4) || v6.overlaps(other.v6);
    }

    /** Only the addresses of one family. */
    public PrefixSet only(IpFamily family) {
        return family == IpFamily.V4 ? new PrefixSet(v4, U128Ranges.EMPTY) : new PrefixSet(U128Ranges.EMPTY, v6);
    }

    public boolean hasFamily(IpFamily family) {
        return family == IpFamily.V4 ? !v4.isEmpty() : !v6.isEmpty();
    }

    /** The set as maximal address ranges, IPv4 first, each ascending. */
    public List<IpRange> ranges() {
        List<IpRange> result = new ArrayList<>(v4.size() + v6.size());
        addRanges(IpFamily.V4, v4, result);
        addRanges(IpFamily.V6, v6, result);
        return result;
    }

    /**
     * The maximal ranges of this set that share an address with {@code other}, IPv4 first, each
     * ascending: a wide set seen through a small one without building every range.
     */
    public List<IpRange> rangesOverlapping(PrefixSet other) {
        List<IpRange> result = new ArrayList<>();
        addRangesOverlapping(IpFamily.V4, v4, other.v4, result);
        addRangesOverlapping(IpFamily.V6, v6, other.v6, result);
        return result;
    }

    private static void addRangesOverlapping(IpFamily family, U128Ranges mine, U128Ranges other, List<IpRange> out) {
        int j = 0;
        for (int i = 0; i < mine.size() && j < other.size(); i++) {
            while (j < other.size()
                    && U128Ranges.compare(other.endHi(j), other.endLo(j), mine.startHi(i), mine.startLo(i)) < 0) {
                j++;
            }
            if (j < other.size()
                    && U128Ranges.compare(other.startHi(j), other.startLo(j), mine.endHi(i), mine.endLo(i)) <= 0) {
                out.add(new IpRange(
                        new IpAddress(family, mine.startHi(i), mine.startLo(i)),
                        new IpAddress(family, mine.endHi(i), mine.endLo(i))));
            }
        }
    }

    private static void addRanges(IpFamily family, U128Ranges ranges, List<IpRange> out) {
        for (int i = 0; i < ranges.size(); i++) {
            out.add(new IpRange(
                    new IpAddress(family, ranges.startHi(i), ranges.startLo(i)),
                    new IpAddress(family, ranges.endHi(i), ranges.endLo(i))));
        }
    }

    /** Receives a range as unsigned 128-bit bounds (IPv4 in the low 32 bits). */
    @FunctionalInterface
    public interface RangeVisitor {
        void visit(long firstHi, long firstLo, long lastHi, long lastLo);
    }

    /** Visits the ranges of one family in ascending order without creating range objects. */
    public void forEachRange(IpFamily family, RangeVisitor visitor) {
        U128Ranges ranges = family == IpFamily.V4 ? v4 : v6;
        for (int i = 0; i < ranges.size(); i++) {
            visitor.visit(ranges.startHi(i), ranges.startLo(i), ranges.endHi(i), ranges.endLo(i));
        }
    }

    /** The smallest list of CIDR blocks covering exactly this set, IPv4 first, ascending. */
    public List<Cidr> toCidrs() {
        List<Cidr> result = new ArrayList<>();
        for (IpRange range : ranges()) {
            range.addCidrsTo(result);
        }
        return result;
    }

    /** The lowest address of a non-empty set (IPv4 before IPv6), without listing its ranges. */
    public IpAddress min() {
        if (!v4.isEmpty()) {
            return new IpAddress(IpFamily.V4, v4.startHi(0), v4.startLo(0));
        }
        if (!v6.isEmpty()) {
            return new IpAddress(IpFamily.V6, v6.startHi(0), v6.startLo(0));
        }
        throw new IllegalStateException("an empty prefix set has no lowest address");
    }

    /** Number of ranges: a measure of how fragmented the set is. */
    public int rangeCount() {
        return v4.size() + v6.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrefixSet other && v4.equals(other.v4) && v6.equals(other.v6);
    }

    @Override
    public int hashCode() {
        return 31 * v4.hashCode() + v6.hashCode();
    }

    /** Compact text: CIDR blocks joined by commas, "any" for everything, "none" when empty. */
    @Override
    public String toString() {
        if (isEmpty()) {
            return "none";
        }
        if (equals(ALL)) {
            return "any";
        }
        List<String> parts = new ArrayList<>();
        for (Cidr cidr : toCidrs()) {
            parts.add(cidr.canonical());
        }
        return String.join(",", parts);
    }
}
