package org.pcisegment.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotationRetentionTest {
    @TempDir
    Path temp;

    @Test
    void rotatesOnANewDayAndContinuesTheChain() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T23:59:00Z"));
        try (AuditLog log = AuditLog.open(TestLogs.config(temp, clock))) {
            log.record(Events.applied());
            clock.advance(Duration.ofMinutes(2));
            log.record(Events.applied());
        }

        List<Path> files = TestLogs.files(TestLogs.location(temp));
        assertThat(files)
                .extracting(p -> p.getFileName().toString())
                .containsExactly(
                        "audit-00000000000000000000-20261122T235900Z.jsonl",
                        "audit-00000000000000000003-20261123T000100Z.jsonl");
        List<String> first = TestLogs.lines(files.get(0));
        assertThat(first.getLast()).contains("audit-checkpoint");
        assertThat(TestLogs.lines(files.get(1)).getFirst())
                .contains(
                        "audit-log-rotated",
                        "new day 2026-11-23",
                        "continues " + files.get(0).getFileName());
        assertThat(AuditVerifier.verify(TestLogs.location(temp)).intact()).isTrue();
    }

    @Test
    void rotatesBySize() throws Exception {
        MutableClock clock = new MutableClock(Events.T0);
        try (AuditLog log = AuditLog.open(TestLogs.config(temp, clock).withMaxFileBytes(8192))) {
            for (int i = 0; i < 60; i++) {
                log.recordBatched(Events.denied(i + 1));
            }
        }

        List<Path> files = TestLogs.files(TestLogs.location(temp));
        assertThat(files).hasSizeGreaterThanOrEqualTo(4);
        for (Path file : files.subList(0, files.size() - 1)) {
            long size = Files.size(file);
            // Rotation happens before the record that would start beyond the limit; the seal follows.
            assertThat(size).isBetween(8192L, 8192L + 3 * 1024);
        }
        VerifyReport report = AuditVerifier.verify(TestLogs.location(temp));
        assertThat(report.intact()).as(report.text()).isTrue();
        assertThat(report.records()).isEqualTo(60 + 3 + 2 * (files.size() - 1));
    }

    @Test
    void appliesPciRetentionOverFifteenMonths() throws Exception {
        Instant start = Instant.parse("2025-01-01T12:00:00Z");
        MutableClock clock = new MutableClock(start);
        AuditConfig config = TestLogs.config(temp, clock);
        AuditLocation location = TestLogs.location(temp);
        // Every file the log ever created, with the start of the file after it (its newest record).
        Map<String, Instant> created = new LinkedHashMap<>();
        try (AuditLog log = AuditLog.open(config)) {
            for (int week = 0; week < 66; week++) {
                log.record(Events.applied().withTimestamp(clock.instant()));
                for (Path file : TestLogs.files(location)) {
                    created.putIfAbsent(
                            LogFile.parse(file)
                                    .orElseThrow()
                                    .path()
                                    .getFileName()
                                    .toString()
                                    .replace(".gz", ""),
                            Instant.MAX);
                }
                clock.advance(Duration.ofDays(7));
            }
        }
        List<String> names = new ArrayList<>(created.keySet());
        Instant now = clock.instant().minus(Duration.ofDays(7));
        Instant deleteBefore = RetentionPolicy.PCI_DEFAULT.deleteBefore(now);
        Instant compressBefore = RetentionPolicy.PCI_DEFAULT.compressBefore(now);
        List<String> expectedKept = new ArrayList<>();
        List<String> expectedCompressed = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Instant newestRecord = i + 1 < names.size() ? started(names.get(i + 1)) : Instant.MAX;
            if (newestRecord.isBefore(deleteBefore)) {
                continue;
            }
            boolean compressed = newestRecord.isBefore(compressBefore);
            expectedKept.add(compressed ? names.get(i) + ".gz" : names.get(i));
            if (compressed) {
                expectedCompressed.add(names.get(i) + ".gz");
            }
        }

        List<String> kept = TestLogs.files(location).stream()
                .map(p -> p.getFileName().toString())
                .toList();
        assertThat(kept).containsExactlyElementsOf(expectedKept);
        assertThat(names.size() - kept.size()).as("files deleted").isGreaterThan(5);
        assertThat(expectedCompressed).as("files compressed").hasSizeGreaterThan(30);
        assertThat(kept.getLast()).doesNotEndWith(".gz");
        // The oldest kept file holds records younger than 12 months; everything in the last 3 months is plain.
        assertThat(started(names.get(names.indexOf(kept.getFirst().replace(".gz", "")) + 1)))
                .isAfterOrEqualTo(deleteBefore);
        for (Path file : TestLogs.files(location)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
        }
        VerifyReport report = AuditVerifier.verify(location);
        assertThat(report.intact()).as(report.text()).isTrue();
        assertThat(report.notes()).extracting(VerifyReport.Finding::kind).contains(VerifyReport.Kind.PRUNED);
    }

    @Test
    void aLongerRetentionKeepsEverything() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2025-01-01T12:00:00Z"));
        AuditConfig config = TestLogs.config(temp, clock)
                .withRetention(new RetentionPolicy(Period.ofMonths(24), Period.ofMonths(1)));
        try (AuditLog log = AuditLog.open(config)) {
            for (int month = 0; month < 14; month++) {
                log.record(Events.applied());
                clock.advance(Duration.ofDays(31));
            }
        }

        List<Path> files = TestLogs.files(TestLogs.location(temp));
        assertThat(files).hasSize(14);
        assertThat(files.getFirst().getFileName().toString())
                .startsWith("audit-00000000000000000000-")
                .endsWith(".gz");
        VerifyReport report = AuditVerifier.verify(TestLogs.location(temp));
        assertThat(report.intact()).as(report.text()).isTrue();
    }

    @Test
    void aCompressionInterruptedByACrashIsFinishedOnTheNextStart() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2025-01-01T12:00:00Z"));
        AuditConfig config =
                TestLogs.config(temp, clock).withRetention(new RetentionPolicy(Period.ofMonths(12), Period.ofDays(1)));
        try (AuditLog log = AuditLog.open(config)) {
            log.record(Events.applied());
            clock.advance(Duration.ofDays(1));
            log.record(Events.applied());
        }
        AuditLocation location = TestLogs.location(temp);
        Path plain = TestLogs.files(location).getFirst();
        // A crash between writing the temporary file and renaming it, before the plain file existed only once.
        Files.write(plain.resolveSibling(plain.getFileName() + ".gz.tmp"), new byte[] {1, 2, 3});

        clock.advance(Duration.ofDays(3));
        AuditLog.open(config).close();

        assertThat(TestLogs.files(location))
                .extracting(p -> p.getFileName().toString())
                .noneMatch(name -> name.endsWith(".tmp"));
        assertThat(TestLogs.files(location).getFirst().getFileName().toString()).endsWith(".jsonl.gz");
        assertThat(AuditVerifier.verify(location).intact()).isTrue();
    }

    @Test
    void aCrashBetweenRenameAndDeleteLeavesTwinsThatAreReadOnceAndCleanedUp() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2025-01-01T12:00:00Z"));
        AuditConfig config =
                TestLogs.config(temp, clock).withRetention(new RetentionPolicy(Period.ofMonths(12), Period.ofDays(1)));
        try (AuditLog log = AuditLog.open(config)) {
            log.record(Events.applied());
            clock.advance(Duration.ofDays(1));
            log.record(Events.applied());
            clock.advance(Duration.ofDays(3));
            log.record(Events.applied());
        }
        AuditLocation location = TestLogs.location(temp);
        Path compressed = TestLogs.files(location).getFirst();
        assertThat(compressed.getFileName().toString()).endsWith(".jsonl.gz");
        Path plain =
                compressed.resolveSibling(compressed.getFileName().toString().replace(".gz", ""));
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(compressed))) {
            Files.write(plain, in.readAllBytes());
        }

        VerifyReport twins = AuditVerifier.verify(location);
        assertThat(twins.intact()).as(twins.text()).isTrue();
        assertThat(twins.files()).hasSize(3);

        AuditLog.open(config).close();

        assertThat(plain).doesNotExist();
        assertThat(compressed).exists();
        assertThat(AuditVerifier.verify(location).intact()).isTrue();
    }

    private static Instant started(String name) {
        return LogFile.parse(Path.of(name)).orElseThrow().started();
    }
}
