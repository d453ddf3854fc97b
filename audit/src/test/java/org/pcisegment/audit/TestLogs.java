package org.pcisegment.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Builds logs in temporary directories for tests. */
final class TestLogs {
    private TestLogs() {}

    static AuditLocation location(Path temp) {
        return new AuditLocation(temp.resolve("audit"), temp.resolve("audit-key"));
    }

    static AuditConfig config(Path temp, MutableClock clock) {
        return AuditConfig.at(location(temp)).withClock(clock).withBatchDelay(Duration.ofMillis(50));
    }

    /** A closed log holding {@code flows} flow events and a policy event, in one file. */
    static AuditLocation written(Path temp, int flows) {
        MutableClock clock = new MutableClock(Events.T0);
        try (AuditLog log = AuditLog.open(config(temp, clock).withCheckpointEvery(1000))) {
            log.record(Events.applied());
            for (int i = 0; i < flows; i++) {
                log.recordBatched(Events.denied(40000 + i));
            }
        }
        return location(temp);
    }

    static List<Path> files(AuditLocation location) throws IOException {
        try (Stream<Path> entries = Files.list(location.directory())) {
            return entries.filter(p -> p.getFileName().toString().startsWith("audit-"))
                    .sorted()
                    .toList();
        }
    }

    /** Copies a directory with its files' permissions (a log and its key directory). */
    static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        try (Stream<Path> entries = Files.list(from)) {
            for (Path entry : entries.toList()) {
                Files.copy(entry, to.resolve(entry.getFileName()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    static List<String> lines(Path file) throws IOException {
        return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    static void writeLines(Path file, List<String> lines) throws IOException {
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }
}
