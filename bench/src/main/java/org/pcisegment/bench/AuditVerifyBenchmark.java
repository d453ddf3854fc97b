package org.pcisegment.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.pcisegment.audit.AuditConfig;
import org.pcisegment.audit.AuditEvent;
import org.pcisegment.audit.AuditLocation;
import org.pcisegment.audit.AuditLog;
import org.pcisegment.audit.AuditVerifier;
import org.pcisegment.audit.VerifyReport;

/**
 * Seconds to verify a log of {@code events} flow events (about 11 files of 64 MiB): the full check
 * ({@code verify}) against the floor of reading every line and hashing it with SHA-256 ({@code
 * readAndHash}, the baseline).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class AuditVerifyBenchmark {
    @Param({"1000000"})
    public int events;

    private AuditLocation location;

    @Setup(Level.Trial)
    public void write() throws IOException {
        location = AuditBenchLogs.create();
        AuditEvent[] flows = AuditBenchLogs.flows();
        try (AuditLog log = AuditLog.open(AuditConfig.at(location))) {
            for (int i = 0; i < events; i++) {
                log.recordBatched(flows[i & 1023]);
            }
        }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        AuditBenchLogs.delete(location);
    }

    /** The whole verification: chain, sequence, checkpoint signatures, seals, anchor. */
    @Benchmark
    public VerifyReport verify() {
        VerifyReport report = AuditVerifier.verify(location);
        if (!report.intact()) {
            throw new IllegalStateException(report.summary());
        }
        return report;
    }

    /** Baseline: read every line of every file and SHA-256 it, nothing else. */
    @Benchmark
    public long readAndHash() throws IOException, NoSuchAlgorithmException {
        return readAndHash(location);
    }

    static long readAndHash(AuditLocation location) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(location.directory(), "audit-*.jsonl")) {
            entries.forEach(files::add);
        }
        long lines = 0;
        byte[] chunk = new byte[1 << 16];
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                int read;
                while ((read = in.read(chunk)) > 0) {
                    int start = 0;
                    for (int i = 0; i < read; i++) {
                        if (chunk[i] == '\n') {
                            digest.update(chunk, start, i - start);
                            digest.digest();
                            lines++;
                            start = i + 1;
                        }
                    }
                    // A line split across chunks is hashed in two updates: the same work.
                    digest.update(chunk, start, read - start);
                }
            }
        }
        return lines;
    }
}
