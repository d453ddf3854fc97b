package org.pcisegment.audit;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Where and how the audit log is written.
 *
 * @param directory the log directory ({@code 0750})
 * @param keyDirectory where the checkpoint key and the anchor live ({@code 0700}); outside {@code
 *     directory}
 * @param clock the time source for rotation, retention and the log's own events
 * @param maxFileBytes a file is rotated once it reaches this size
 * @param retention how long rotated files are kept, and kept uncompressed
 * @param batchDelay the longest a batched (flow) event waits before it is forced to disk
 * @param checkpointEvery a signed checkpoint is written after this many records
 */
public record AuditConfig(
        Path directory,
        Path keyDirectory,
        Clock clock,
        long maxFileBytes,
        RetentionPolicy retention,
        Duration batchDelay,
        int checkpointEvery) {

    public static final long DEFAULT_MAX_FILE_BYTES = 64L << 20;
    public static final Duration DEFAULT_BATCH_DELAY = Duration.ofMillis(200);
    public static final int DEFAULT_CHECKPOINT_EVERY = 10_000;

    public AuditConfig {
        directory = directory.toAbsolutePath().normalize();
        keyDirectory = keyDirectory.toAbsolutePath().normalize();
        if (keyDirectory.startsWith(directory)) {
            throw new IllegalArgumentException(
                    "the key directory " + keyDirectory + " must lie outside the log directory " + directory);
        }
        if (maxFileBytes < 4096) {
            throw new IllegalArgumentException("maxFileBytes must be at least 4096");
        }
        if (batchDelay.isNegative() || batchDelay.isZero() || batchDelay.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("batchDelay must be within (0, 10 s]");
        }
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpointEvery must be at least 1");
        }
    }

    /** Defaults for a log at {@code location}: 64 MiB files, PCI retention, 200 ms batches. */
    public static AuditConfig at(AuditLocation location) {
        return new AuditConfig(
                location.directory(),
                location.keyDirectory(),
                Clock.systemUTC(),
                DEFAULT_MAX_FILE_BYTES,
                RetentionPolicy.PCI_DEFAULT,
                DEFAULT_BATCH_DELAY,
                DEFAULT_CHECKPOINT_EVERY);
    }

    public AuditConfig withClock(Clock newClock) {
        return new AuditConfig(directory, keyDirectory, newClock, maxFileBytes, retention, batchDelay, checkpointEvery);
    }

    public AuditConfig withMaxFileBytes(long bytes) {
        return new AuditConfig(directory, keyDirectory, clock, bytes, retention, batchDelay, checkpointEvery);
    }

    public AuditConfig withRetention(RetentionPolicy policy) {
        return new AuditConfig(directory, keyDirectory, clock, maxFileBytes, policy, batchDelay, checkpointEvery);
    }

    public AuditConfig withBatchDelay(Duration delay) {
        return new AuditConfig(directory, keyDirectory, clock, maxFileBytes, retention, delay, checkpointEvery);
    }

    public AuditConfig withCheckpointEvery(int records) {
        return new AuditConfig(directory, keyDirectory, clock, maxFileBytes, retention, batchDelay, records);
    }
}
