package org.pcisegment.core.net;

/** A closed range of ports. */
public record PortRange(int first, int last) {

    public PortRange {
        if (first < PortSet.MIN_PORT || last > PortSet.MAX_PORT || first > last) {
            throw new IllegalArgumentException("invalid port range " + first + "-" + last);
        }
    }

    public int size() {
        return last - first + 1;
    }

    @Override
    public String toString() {
        return first == last ? Integer.toString(first) : first + "-" + last;
    }
}
