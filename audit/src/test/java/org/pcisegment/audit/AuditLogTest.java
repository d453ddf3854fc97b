package org.pcisegment.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
    @TempDir
    Path temp;

    @Test
    void writesAChainThatVerifiesIntact() throws Exception {
        AuditLocation location = TestLogs.written(temp, 50);

        VerifyReport report = AuditVerifier.verify(location);

        assertThat(report.intact()).as(report.text()).isTrue();
        // started, policy-applied, 50 flows, stopped, checkpoint
        assertThat(report.records()).isEqualTo(54);
        assertThat(report.checkpoints()).isEqualTo(1);
        assertThat(report.anchor()).map(Subject.Checkpoint::sequence).contains(53L);
        List<String> lines = TestLogs.lines(TestLogs.files(location).getFirst());
        assertThat(lines.get(0)).contains("\"action\":\"audit-log-started\"", "\"prev_sha256\":\"" + "0".repeat(64));
        assertThat(lines.get(1)).contains("\"action\":\"policy-applied\"");
        assertThat(lines.getLast()).contains("\"action\":\"audit-checkpoint\"");
    }

    @Test
    void reopeningContinuesTheChainAndSaysTheStopWasClean() throws Exception {
        TestLogs.written(temp, 3);
        AuditLocation location = TestLogs.written(temp, 3);

        VerifyReport report = AuditVerifier.verify(location);

        assertThat(report.intact()).as(report.text()).isTrue();
        assertThat(report.records()).isEqualTo(2 * 7);
        assertThat(TestLogs.lines(TestLogs.files(location).getFirst()).get(7))
                .contains("audit-log-started", "restarted after a clean stop");
    }

    @Test
    void filesAreOwnerOnlyInAGroupReadableDirectory() throws Exception {
        AuditLocation location = TestLogs.written(temp, 1);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(location.directory())))
                .isEqualTo("rwxr-x---");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(location.keyDirectory())))
                .isEqualTo("rwx------");
        for (Path file : TestLogs.files(location)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
        }
        for (String name : List.of(CheckpointKey.PRIVATE_FILE, "audit-anchor-a.json", "audit-anchor-b.json")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                            location.keyDirectory().resolve(name))))
                    .as(name)
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void refusesAWorldWritableDirectory() throws Exception {
        Path open = Files.createDirectory(temp.resolve("audit"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> AuditLog.open(TestLogs.config(temp, new MutableClock(Events.T0))))
                .hasMessageContaining("refusing to use this audit directory")
                .hasMessageContaining("writable by every user");
        assertThat(TestLogs.files(TestLogs.location(temp))).isEmpty();
    }

    @Test
    void refusesADirectoryUnderAWorldWritableParentWithoutStickyBit() throws Exception {
        Path shared = Files.createDirectory(temp.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        AuditConfig config = AuditConfig.at(new AuditLocation(shared.resolve("audit"), temp.resolve("key")));

        assertThatThrownBy(() -> AuditLog.open(config))
                .hasMessageContaining("which every user can write to")
                .hasMessageContaining("no sticky bit");
        assertThat(shared.resolve("audit")).doesNotExist();
    }

    @Test
    void tightensALooseDirectoryItOwns() throws Exception {
        Path loose = Files.createDirectory(temp.resolve("audit"));
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rwxr-xr-x"));

        TestLogs.written(temp, 1);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(loose)))
                .isEqualTo("rwxr-x---");
    }

    @Test
    void refusesADirectoryAnotherUserOwns() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                "root".equals(System.getProperty("user.name")), "changing a directory's owner needs root");
        Path foreign = Files.createDirectory(temp.resolve("audit"));
        Files.setOwner(
                foreign, foreign.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));

        assertThatThrownBy(() -> AuditLog.open(TestLogs.config(temp, new MutableClock(Events.T0))))
                .hasMessageContaining("belongs to user 'nobody'");
    }

    @Test
    void refusesAKeyDirectoryInsideTheLogDirectory() {
        assertThatThrownBy(() -> AuditConfig.at(new AuditLocation(temp.resolve("audit"), temp.resolve("audit/key"))))
                .hasMessageContaining("must lie outside the log directory");
    }

    @Test
    void oneWriterAtATime() {
        AuditConfig config = TestLogs.config(temp, new MutableClock(Events.T0));
        try (AuditLog first = AuditLog.open(config)) {
            assertThatThrownBy(() -> AuditLog.open(config))
                    .isInstanceOf(AuditException.class)
                    .hasMessageContaining("already open in this process");
            first.record(Events.applied());
        }
        AuditLog.open(config).close();
    }

    @Test
    void securityEventsAreNeverBatched() {
        try (AuditLog log = AuditLog.open(TestLogs.config(temp, new MutableClock(Events.T0)))) {
            assertThatThrownBy(() -> log.recordBatched(Events.applied()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("policy-applied is a security event");
        }
    }

    @Test
    void securityEventsAreSignedByTheAnchorBeforeRecordReturns() {
        AuditLocation location = TestLogs.location(temp);
        try (AuditLog log = AuditLog.open(
                TestLogs.config(temp, new MutableClock(Events.T0)).withBatchDelay(Duration.ofSeconds(10)))) {
            log.record(Events.applied());

            assertThat(anchoredSequence(location)).contains(1L);
        }
    }

    @Test
    void batchedEventsReachTheDiskWithinTheDelay() throws Exception {
        AuditLocation location = TestLogs.location(temp);
        try (AuditLog log = AuditLog.open(
                TestLogs.config(temp, new MutableClock(Events.T0)).withBatchDelay(Duration.ofMillis(100)))) {
            for (int i = 0; i < 10; i++) {
                log.recordBatched(Events.denied(i + 1000));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (anchoredSequence(location).orElse(-1L) < 10 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(anchoredSequence(location)).contains(10L);
            assertThat(TestLogs.lines(TestLogs.files(location).getFirst())).hasSize(11);
        }
    }

    private static Optional<Long> anchoredSequence(AuditLocation location) {
        CheckpointKey key = CheckpointKey.loadPublic(location.keyDirectory().resolve(CheckpointKey.PUBLIC_FILE));
        return Anchor.read(location.keyDirectory(), key).map(Subject.Checkpoint::sequence);
    }

    @Test
    void verifyFromTheWriterRecordsTheResult() throws Exception {
        try (AuditLog log = AuditLog.open(TestLogs.config(temp, new MutableClock(Events.T0)))) {
            log.record(Events.applied());
            VerifyReport report = log.verify();
            assertThat(report.intact()).isTrue();
        }
        List<String> lines =
                TestLogs.lines(TestLogs.files(TestLogs.location(temp)).getFirst());
        assertThat(lines.get(2)).contains("audit-log-verified", "\"outcome\":\"success\"", "intact: 2 records");
    }

    @Test
    void aMissingKeyIsNotSilentlyReplaced() throws Exception {
        AuditLocation location = TestLogs.written(temp, 1);
        Files.delete(location.keyDirectory().resolve(CheckpointKey.PRIVATE_FILE));

        assertThatThrownBy(() -> AuditLog.open(TestLogs.config(temp, new MutableClock(Events.T0))))
                .isInstanceOf(AuditException.class)
                .hasMessageContaining("signing key")
                .hasMessageContaining("is missing but the audit log already holds records");
    }

    @Test
    void concurrentWritersKeepOneUnbrokenChain() throws Exception {
        AuditLocation location = TestLogs.location(temp);
        try (AuditLog log = AuditLog.open(TestLogs.config(temp, new MutableClock(Events.T0))
                .withBatchDelay(Duration.ofMillis(5))
                .withCheckpointEvery(97))) {
            List<Thread> threads = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < 500; i++) {
                        if (i % 100 == 0) {
                            log.record(Events.applied().withLabel("thread", Integer.toString(thread)));
                        } else {
                            log.recordBatched(Events.denied(thread * 1000 + i));
                        }
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }

        VerifyReport report = AuditVerifier.verify(location);

        assertThat(report.intact()).as(report.text()).isTrue();
        List<AuditReader.StoredRecord> written = new java.util.ArrayList<>();
        AuditReader.read(location.directory(), RecordFilter.ALL, r -> {
            if (r.event().action() != EventAction.AUDIT_CHECKPOINT
                    && r.event().action().family() != EventAction.Family.AUDIT) {
                written.add(r);
            }
        });
        assertThat(written).hasSize(4 * 500);
        assertThat(report.checkpoints()).isGreaterThanOrEqualTo(2000 / 97);
    }
}
