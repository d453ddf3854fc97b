package org.pcisegment.audit;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

/**
 * How long rotated files are kept, and for how long of that they stay uncompressed (searchable
 * without decompressing). PCI DSS 10.5.1: at least 12 months, the last 3 months immediately
 * available.
 */
public record RetentionPolicy(Period keep, Period uncompressed) {
    public static final RetentionPolicy PCI_DEFAULT = new RetentionPolicy(Period.ofMonths(12), Period.ofMonths(3));

    public RetentionPolicy {
        if (keep.isNegative() || keep.isZero() || uncompressed.isNegative()) {
            throw new IllegalArgumentException("retention periods must be positive");
        }
        Instant reference = Instant.parse("2000-01-01T00:00:00Z");
        if (cutoff(reference, uncompressed).isBefore(cutoff(reference, keep))) {
            throw new IllegalArgumentException(
                    "the uncompressed window (" + uncompressed + ") is longer than retention (" + keep + ")");
        }
    }

    /** Files whose newest record is older than this are deleted. */
    public Instant deleteBefore(Instant now) {
        return cutoff(now, keep);
    }

    /** Rotated files whose newest record is older than this are compressed. */
    public Instant compressBefore(Instant now) {
        return cutoff(now, uncompressed);
    }

    private static Instant cutoff(Instant now, Period period) {
        return now.atZone(ZoneOffset.UTC).minus(period).toInstant();
    }
}
