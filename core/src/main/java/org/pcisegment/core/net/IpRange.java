package org.pcisegment.core.net;

import java.util.ArrayList;
import java.util.List;

/** A closed range of addresses of one family. */
public record IpRange(IpAddress first, IpAddress last) {

    public IpRange {
        if (first.family() != last.family() || first.compareTo(last) > 0) {
            throw new IllegalArgumentException("invalid range " + first + "-" + last);
        }
    }

    public IpFamily family() {
        return first.family();
    }

    /** The smallest list of CIDR blocks covering exactly this range, ascending. */
    public List<Cidr> toCidrs() {
        List<Cidr> cidrs = new ArrayList<>();
        addCidrsTo(cidrs);
        return cidrs;
    }

    /** Appends the minimal CIDR cover of this range: the largest aligned block at each step. */
    void addCidrsTo(List<Cidr> out) {
        int bits = family().bits();
        long hi = first.hi();
        long lo = first.lo();
        long endHi = last.hi();
        long endLo = last.lo();
        while (true) {
            int size = Math.min(trailingZeros(hi, lo, bits), bits);
            // shrink the block until it ends within the range
            while (size > 0 && U128Ranges.compare(blockEndHi(hi, size), blockEndLo(lo, size), endHi, endLo) > 0) {
                size--;
            }
            out.add(new Cidr(new IpAddress(family(), hi, lo), bits - size));
            long blockEndHi = blockEndHi(hi, size);
            long blockEndLo = blockEndLo(lo, size);
            if (blockEndHi == endHi && blockEndLo == endLo) {
                return;
            }
            lo = blockEndLo + 1;
            hi = lo == 0 ? blockEndHi + 1 : blockEndHi;
        }
    }

    private static int trailingZeros(long hi, long lo, int bits) {
        if (lo != 0) {
            return Long.numberOfTrailingZeros(lo);
        }
        return hi != 0 ? 64 + Long.numberOfTrailingZeros(hi) : bits;
    }

    private static long blockEndHi(long hi, int size) {
        if (size <= 64) {
            return hi;
        }
        return size == 128 ? -1L : hi | ((1L << (size - 64)) - 1);
    }

    private static long blockEndLo(long lo, int size) {
        if (size >= 64) {
            return -1L;
        }
        return lo | ((1L << size) - 1);
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
