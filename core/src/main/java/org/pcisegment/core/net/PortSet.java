package org.pcisegment.core.net;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * An exact set of ports 1-65535, with the same algebra as {@link PrefixSet}. Immutable and
 * canonical.
 */
public final class PortSet {
    public static final int MIN_PORT = 1;
    public static final int MAX_PORT = 65535;

    private static final PortSet EMPTY = new PortSet(U128Ranges.EMPTY);
    private static final PortSet ALL = new PortSet(U128Ranges.of(0, MIN_PORT, 0, MAX_PORT));

    private final U128Ranges ranges;

    private PortSet(U128Ranges ranges) {
        this.ranges = ranges;
    }

    public static PortSet empty() {
        return EMPTY;
    }

    public static PortSet all() {
        return ALL;
    }

    public static PortSet of(int port) {
        return range(port, port);
    }

    public static PortSet range(int first, int last) {
        if (first < MIN_PORT || last > MAX_PORT || first > last) {
            throw new IllegalArgumentException("invalid port range " + first + "-" + last);
        }
        return new PortSet(U128Ranges.of(0, first, 0, last));
    }

    public static PortSet of(int... ports) {
        PortSet result = EMPTY;
        for (int port : ports) {
            result = result.union(of(port));
        }
        return result;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public boolean isAll() {
        return equals(ALL);
    }

    public PortSet union(PortSet other) {
        return new PortSet(ranges.union(other.ranges));
    }

    /** The union of many sets at once: sorted once rather than copied per set. */
    public static PortSet unionAll(Collection<PortSet> sets) {
        List<U128Ranges> ranges = new ArrayList<>(sets.size());
        for (PortSet set : sets) {
            ranges.add(set.ranges);
        }
        return new PortSet(U128Ranges.unionAll(ranges));
    }

    public PortSet intersect(PortSet other) {
        return new PortSet(ranges.intersect(other.ranges));
    }

    public PortSet minus(PortSet other) {
        return new PortSet(ranges.minus(other.ranges));
    }

    public PortSet complement() {
        return ALL.minus(this);
    }

    public boolean contains(int port) {
        return ranges.contains(0, port);
    }

    public boolean containsAll(PortSet other) {
        return ranges.containsAll(other.ranges);
    }

    public boolean overlaps(PortSet other) {
        return ranges.overlaps(other.ranges);
    }

    /** The set as maximal ranges, ascending. */
    public List<PortRange> ranges() {
        List<PortRange> result = new ArrayList<>(ranges.size());
        for (int i = 0; i < ranges.size(); i++) {
            result.add(new PortRange((int) ranges.startLo(i), (int) ranges.endLo(i)));
        }
        return result;
    }

    /** The lowest port of a non-empty set. */
    public int min() {
        if (ranges.isEmpty()) {
            throw new IllegalStateException("an empty port set has no lowest port");
        }
        return (int) ranges.startLo(0);
    }

    /** How many ports the set holds. */
    public int count() {
        int total = 0;
        for (int i = 0; i < ranges.size(); i++) {
            total += (int) (ranges.endLo(i) - ranges.startLo(i) + 1);
        }
        return total;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PortSet other && ranges.equals(other.ranges);
    }

    @Override
    public int hashCode() {
        return ranges.hashCode();
    }

    /** "80,443,8000-8080"; "1-65535" for all ports; "none" when empty. */
    @Override
    public String toString() {
        if (isEmpty()) {
            return "none";
        }
        // Written directly (as PortRange would print each range): rule-set hashes print every set.
        StringBuilder text = new StringBuilder(ranges.size() * 12);
        for (int i = 0; i < ranges.size(); i++) {
            long first = ranges.startLo(i);
            long last = ranges.endLo(i);
            if (i > 0) {
                text.append(',');
            }
            text.append(first);
            if (last != first) {
                text.append('-').append(last);
            }
        }
        return text.toString();
    }
}
