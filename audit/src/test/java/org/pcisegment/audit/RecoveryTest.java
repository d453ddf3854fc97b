package org.pcisegment.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcisegment.audit.VerifyReport.Finding;
import org.pcisegment.audit.VerifyReport.Kind;

/** What the writer does on start with the states a crash or an intruder leaves behind. */
class RecoveryTest {
    @TempDir
    Path temp;

    private void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private AuditLog reopen() {
        return AuditLog.open(TestLogs.config(temp, new MutableClock(Events.T0)));
    }

    private VerifyReport reopenAndVerify(AuditLocation location) {
        reopen().close();
        return AuditVerifier.verify(location);
    }

    @Test
    void tornFinalLineIsSealedAndTheChainContinues() throws Exception {
        AuditLocation location = TestLogs.written(temp, 3);
        Path file = TestLogs.files(location).getFirst();
        int linesBefore = TestLogs.lines(file).size();
        append(file, "{\"@timestamp\":\"2026-11-22T10:15:30.1");

        VerifyReport beforeRestart = AuditVerifier.verify(location);
        assertThat(beforeRestart.intact()).as(beforeRestart.text()).isTrue();
        assertThat(beforeRestart.notes()).extracting(Finding::kind).containsExactly(Kind.INCOMPLETE_TAIL);

        VerifyReport report = reopenAndVerify(location);

        assertThat(report.intact()).as(report.text()).isTrue();
        assertThat(report.notes()).extracting(Finding::kind).containsExactly(Kind.TORN_SEALED);
        assertThat(report.notes().getFirst().line()).isEqualTo(linesBefore + 1);
        List<String> lines = TestLogs.lines(file);
        assertThat(lines.get(linesBefore)).isEqualTo("{\"@timestamp\":\"2026-11-22T10:15:30.1");
        assertThat(lines.get(linesBefore + 1))
                .contains("audit-torn-record-sealed", "\"first_line\":" + (linesBefore + 1), "\"bytes\":36");
        assertThat(lines.get(linesBefore + 2)).contains("audit-log-started", "unclean stop; torn lines sealed");
    }

    @Test
    void crashWhileSealingLeavesLinesThatTheNextStartSealsTogether() throws Exception {
        AuditLocation location = TestLogs.written(temp, 3);
        Path file = TestLogs.files(location).getFirst();
        int linesBefore = TestLogs.lines(file).size();
        append(file, "{\"@timestamp\":\"2026\n{\"@timestamp\":\"2026-11-22T10:15:31.000Z\",\"ecs\":{\"ver");

        VerifyReport report = reopenAndVerify(location);

        assertThat(report.intact()).as(report.text()).isTrue();
        assertThat(TestLogs.lines(file).get(linesBefore + 2))
                .contains(
                        "audit-torn-record-sealed",
                        "\"first_line\":" + (linesBefore + 1),
                        "\"last_line\":" + (linesBefore + 2));
    }

    @Test
    void completeLastRecordWithoutItsNewlineIsKept() throws Exception {
        AuditLocation location = TestLogs.written(temp, 3);
        Path file = TestLogs.files(location).getFirst();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 1));

        VerifyReport report = reopenAndVerify(location);

        assertThat(report.intact()).as(report.text()).isTrue();
        assertThat(report.notes()).isEmpty();
        assertThat(report.records()).isEqualTo(7 + 3);
    }

    @Test
    void truncationFoundOnStartIsRecordedAndKeepsTheLogBroken() throws Exception {
        AuditLocation location = TestLogs.written(temp, 3);
        Path file = TestLogs.files(location).getFirst();
        List<String> lines = TestLogs.lines(file);
        TestLogs.writeLines(file, lines.subList(0, lines.size() - 2));

        try (AuditLog log = reopen()) {
            log.record(Events.applied());
        }
        VerifyReport report = AuditVerifier.verify(location);

        assertThat(report.intact()).isFalse();
        Finding broken = report.firstBreak().orElseThrow();
        assertThat(broken.kind()).isEqualTo(Kind.INTEGRITY_FAILURE);
        assertThat(broken.line()).isEqualTo(lines.size() - 1);
        assertThat(broken.message()).contains("records 5-6, vouched for by the signed anchor, are missing");
    }

    @Test
    void deletedLogWithASurvivingAnchorIsRecordedInTheNewLog() throws Exception {
        AuditLocation location = TestLogs.written(temp, 3);
        for (Path file : TestLogs.files(location)) {
            Files.delete(file);
        }

        VerifyReport report = reopenAndVerify(location);

        assertThat(report.firstBreak()).map(Finding::kind).contains(Kind.INTEGRITY_FAILURE);
        assertThat(report.firstBreak().orElseThrow().message()).contains("the earlier log was deleted");
    }
}
