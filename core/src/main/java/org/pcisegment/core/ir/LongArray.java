package org.pcisegment.core.ir;

import java.util.Arrays;

/** A growable long array (no boxing), for building flat lookup tables. */
final class LongArray {
    private long[] values = new long[64];
    private int size;

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    int size() {
        return size;
    }

    long[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
