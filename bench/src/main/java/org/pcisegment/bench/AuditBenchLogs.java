package org.pcisegment.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.pcisegment.audit.AuditEvent;
import org.pcisegment.audit.AuditLocation;
import org.pcisegment.audit.Subject;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.policy.Direction;

/** Temporary logs and realistic flow events for the audit benchmarks. */
final class AuditBenchLogs {
    private AuditBenchLogs() {}

    /** A fresh log location under bench/out (or the directory in -Dbench.dir), on the disk being measured. */
    static AuditLocation create() throws IOException {
        Path base = Path.of(System.getProperty("bench.dir", "bench/out"));
        Files.createDirectories(base);
        Path root = Files.createTempDirectory(base.toAbsolutePath(), "audit-");
        return new AuditLocation(root.resolve("audit"), root.resolve("audit-key"));
    }

    static void delete(AuditLocation location) throws IOException {
        Path root = location.directory().getParent();
        if (root == null) {
            return;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** 1024 denied-flow events with different 5-tuples, as the data plane reports them. */
    static AuditEvent[] flows() {
        AuditEvent[] events = new AuditEvent[1024];
        for (int i = 0; i < events.length; i++) {
            events[i] = AuditEvent.flowDenied(new Subject.NetworkFlow(
                    IpAddress.v4(0x0A001400L + (i & 0xFF)),
                    32768 + i,
                    IpAddress.v4(0x0A000A07L),
                    5432,
                    6,
                    Direction.INGRESS,
                    1,
                    Optional.of("cde-isolation"),
                    Optional.of("cde-isolation/ingress/0")));
        }
        return events;
    }
}
