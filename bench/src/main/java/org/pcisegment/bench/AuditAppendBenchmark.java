package org.pcisegment.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.pcisegment.audit.AuditConfig;
import org.pcisegment.audit.AuditEvent;
import org.pcisegment.audit.AuditLocation;
import org.pcisegment.audit.AuditLog;

/**
 * Audit log append throughput in events per second, for the same flow events: forced to disk one by
 * one ({@code durable}, the baseline: what every security event costs) against batched with the
 * default 200 ms bounded delay ({@code batched}: fsync and anchor signing amortised by the flusher,
 * whose forced writes block appends and so count in the figure). Rotation at 64 MiB is included.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class AuditAppendBenchmark {
    private AuditLocation location;
    private AuditLog log;
    private AuditEvent[] events;
    private int next;

    @Setup(Level.Trial)
    public void open() throws IOException {
        location = AuditBenchLogs.create();
        log = AuditLog.open(AuditConfig.at(location));
        events = AuditBenchLogs.flows();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        log.close();
        AuditBenchLogs.delete(location);
    }

    /** Baseline: every event forced to disk (and the anchor re-signed) before the call returns. */
    @Benchmark
    public void durable() {
        log.record(events[next++ & 1023]);
    }

    /** Flow events batched: on disk within 200 ms. */
    @Benchmark
    public void batched() {
        log.recordBatched(events[next++ & 1023]);
    }
}
