package org.pcisegment.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import org.pcisegment.audit.AuditConfig;
import org.pcisegment.audit.AuditEvent;
import org.pcisegment.audit.AuditLocation;
import org.pcisegment.audit.AuditLog;
import org.pcisegment.audit.AuditVerifier;
import org.pcisegment.audit.VerifyReport;

/**
 * CPU cost of the audit log's batched append and of verification, for 1,000,000 flow events: wall
 * time and the process's CPU time (all threads: writer, flusher, JIT, GC) side by side. On a machine
 * whose cores are busy with other work the wall-clock rate falls while the CPU cost stays; events
 * per CPU-second is what one free core would sustain. Baseline for verify: reading and hashing every
 * line. Run: {@code java -cp bench/target/benchmarks.jar org.pcisegment.bench.AuditCpuCost}.
 */
public final class AuditCpuCost {
    private static final int EVENTS = 1_000_000;

    private AuditCpuCost() {}

    public static void main(String[] args) throws Exception {
        OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
        AuditEvent[] flows = AuditBenchLogs.flows();
        warmUp(flows);
        AuditLocation location = AuditBenchLogs.create();
        try {
            long cpu = os.getProcessCpuTime();
            long wall = System.nanoTime();
            try (AuditLog log = AuditLog.open(AuditConfig.at(location))) {
                for (int i = 0; i < EVENTS; i++) {
                    log.recordBatched(flows[i & 1023]);
                }
            }
            report("append, batched, forced on close", EVENTS, System.nanoTime() - wall, os.getProcessCpuTime() - cpu);

            cpu = os.getProcessCpuTime();
            wall = System.nanoTime();
            long lines = AuditVerifyBenchmark.readAndHash(location);
            long baselineWall = System.nanoTime() - wall;
            long baselineCpu = os.getProcessCpuTime() - cpu;
            report("read+SHA-256 only (baseline)", lines, baselineWall, baselineCpu);

            cpu = os.getProcessCpuTime();
            wall = System.nanoTime();
            VerifyReport verified = AuditVerifier.verify(location);
            long verifyWall = System.nanoTime() - wall;
            long verifyCpu = os.getProcessCpuTime() - cpu;
            if (!verified.intact()) {
                throw new IllegalStateException(verified.summary());
            }
            report("verify", verified.records(), verifyWall, verifyCpu);
            System.out.printf(
                    "verify / baseline: %.2fx wall, %.2fx CPU%n",
                    (double) verifyWall / baselineWall, (double) verifyCpu / baselineCpu);
        } finally {
            AuditBenchLogs.delete(location);
        }
    }

    private static void warmUp(AuditEvent[] flows) throws Exception {
        AuditLocation location = AuditBenchLogs.create();
        try {
            try (AuditLog log = AuditLog.open(AuditConfig.at(location))) {
                for (int i = 0; i < 200_000; i++) {
                    log.recordBatched(flows[i & 1023]);
                }
            }
            AuditVerifier.verify(location);
            AuditVerifyBenchmark.readAndHash(location);
        } finally {
            AuditBenchLogs.delete(location);
        }
    }

    private static void report(String what, long events, long wallNanos, long cpuNanos) {
        System.out.printf(
                "%-34s %9d events  wall %7.0f ms (%8.0f events/s)  CPU %7.0f ms (%8.0f events per CPU-s)%n",
                what, events, wallNanos / 1e6, events / (wallNanos / 1e9), cpuNanos / 1e6, events / (cpuNanos / 1e9));
    }
}
