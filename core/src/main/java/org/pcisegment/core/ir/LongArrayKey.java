package org.pcisegment.core.ir;

import java.util.Arrays;

/** An array compared by content, for interning indexes and port tables by the rules they hold. */
record LongArrayKey(long[] values) {
    @Override
    public boolean equals(Object o) {
        return o instanceof LongArrayKey other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
