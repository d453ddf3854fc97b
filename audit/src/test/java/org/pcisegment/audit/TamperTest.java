package org.pcisegment.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcisegment.audit.VerifyReport.Finding;
import org.pcisegment.audit.VerifyReport.Kind;
import org.pcisegment.core.json.Json;
import tools.jackson.databind.JsonNode;

/** Each way of tampering with a written log is detected, named and located. */
class TamperTest {
    private static final Pattern PREV = Pattern.compile("\"prev_sha256\":\"([0-9a-f]{64})\"");

    @TempDir
    Path temp;

    private AuditLocation location;
    private List<Path> files;
    private Path middle;

    @TempDir
    static Path shared;

    private static AuditLocation template;

    /** One log for all tests (forcing files is slow on virtual disks); each test tampers with a copy. */
    @BeforeAll
    static void writeTemplate() {
        template = rotatedLog(shared.resolve("template"));
    }

    @BeforeEach
    void copyTheLog() throws Exception {
        location = TestLogs.location(temp.resolve("log"));
        TestLogs.copyTree(template.directory(), location.directory());
        TestLogs.copyTree(template.keyDirectory(), location.keyDirectory());
        files = TestLogs.files(location);
        assertThat(files).hasSizeGreaterThanOrEqualTo(4);
        middle = files.get(1);
        VerifyReport clean = AuditVerifier.verify(location);
        assertThat(clean.intact()).as(clean.text()).isTrue();
    }

    private static AuditLocation rotatedLog(Path directory) {
        MutableClock clock = new MutableClock(Events.T0);
        AuditConfig config = TestLogs.config(directory, clock).withMaxFileBytes(4096);
        try (AuditLog log = AuditLog.open(config)) {
            log.record(Events.applied());
            for (int i = 0; i < 30; i++) {
                log.recordBatched(Events.denied(40000 + i));
            }
        }
        return TestLogs.location(directory);
    }

    private Finding brokenAt(Kind kind, Path file, int line) {
        VerifyReport report = AuditVerifier.verify(location);
        assertThat(report.intact()).as(report.text()).isFalse();
        Finding finding = report.firstBreak().orElseThrow();
        assertThat(finding.kind()).as(report.text()).isEqualTo(kind);
        assertThat(finding.file()).isEqualTo(file.getFileName().toString());
        assertThat(finding.line()).isEqualTo(line);
        return finding;
    }

    @Test
    void editedFieldIsLocatedAtItsLine() throws Exception {
        List<String> lines = TestLogs.lines(middle);
        String original = lines.get(2);
        lines.set(2, original.replaceFirst("\"port\":(\\d+)", "\"port\":1"));
        assertThat(lines.get(2)).isNotEqualTo(original);
        TestLogs.writeLines(middle, lines);

        Finding finding = brokenAt(Kind.ALTERED, middle, 3);

        assertThat(finding.message()).contains("was altered", "line 4");
    }

    @Test
    void editThatBreaksTheJsonIsLocatedAtItsLine() throws Exception {
        List<String> lines = TestLogs.lines(middle);
        lines.set(2, lines.get(2).replace("\"message\":", "\"message\""));
        TestLogs.writeLines(middle, lines);

        Finding finding = brokenAt(Kind.INVALID, middle, 3);

        assertThat(finding.message()).contains("not a valid audit record", "not JSON");
    }

    @Test
    void deletedLineIsReportedAsMissingRecord() throws Exception {
        List<String> lines = TestLogs.lines(middle);
        long deletedSequence = sequence(lines.get(2));
        lines.remove(2);
        TestLogs.writeLines(middle, lines);

        Finding finding = brokenAt(Kind.MISSING, middle, 3);

        assertThat(finding.message()).contains("record(s) " + deletedSequence + " are missing");
    }

    @Test
    void swappedLinesAreReportedAsReordered() throws Exception {
        List<String> lines = TestLogs.lines(middle);
        Collections.swap(lines, 2, 3);
        TestLogs.writeLines(middle, lines);

        Finding finding = brokenAt(Kind.REORDERED, middle, 3);

        assertThat(finding.message()).contains("swapped", "lines 3 and 4");
    }

    @Test
    void insertedLineIsReportedAsInserted() throws Exception {
        List<String> lines = TestLogs.lines(middle);
        String forged = lines.get(2).replaceFirst("\"port\":(\\d+)", "\"port\":22");
        lines.add(3, forged);
        TestLogs.writeLines(middle, lines);

        Finding finding = brokenAt(Kind.INSERTED, middle, 4);

        assertThat(finding.message()).contains("not part of the chain");
    }

    @Test
    void duplicatedLineIsReportedAsInserted() throws Exception {
        List<String> lines = TestLogs.lines(middle);
        lines.add(3, lines.get(1));
        TestLogs.writeLines(middle, lines);

        Finding finding = brokenAt(Kind.INSERTED, middle, 4);

        assertThat(finding.message()).contains("not part of the chain");
    }

    @Test
    void truncatedTailIsDetectedThroughTheAnchor() throws Exception {
        Path last = files.getLast();
        List<String> lines = TestLogs.lines(last);
        long lastSequence = sequence(lines.getLast());
        TestLogs.writeLines(last, lines.subList(0, lines.size() - 3));

        Finding finding = brokenAt(Kind.TRUNCATED, last, lines.size() - 3);

        assertThat(finding.message())
                .contains("signed anchor vouches for record " + lastSequence)
                .contains("were removed from the end");
    }

    @Test
    void tailCutInsideALineIsDetectedThroughTheAnchor() throws Exception {
        Path last = files.getLast();
        byte[] bytes = Files.readAllBytes(last);
        Files.write(last, java.util.Arrays.copyOf(bytes, bytes.length - 100));

        VerifyReport report = AuditVerifier.verify(location);

        assertThat(report.firstBreak()).map(Finding::kind).contains(Kind.TRUNCATED);
        assertThat(report.notes()).extracting(Finding::kind).contains(Kind.INCOMPLETE_TAIL);
    }

    @Test
    void truncatedRotatedFileIsDetectedByItsMissingSeal() throws Exception {
        List<String> lines = TestLogs.lines(middle);
        TestLogs.writeLines(middle, lines.subList(0, lines.size() - 1));

        brokenAt(Kind.TRUNCATED, middle, lines.size() - 1);
    }

    @Test
    void wholeRotatedFileReplacedByAnotherLogsFileIsDetected() throws Exception {
        AuditLocation other = rotatedLog(temp.resolve("other"));
        Files.copy(TestLogs.files(other).get(1), middle, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        Finding finding = brokenAt(Kind.REPLACED, middle, 1);

        assertThat(finding.message())
                .contains("does not continue the chain from " + files.get(0).getFileName());
    }

    @Test
    void deletedRotatedFileIsDetected() throws Exception {
        Files.delete(middle);

        Finding finding = brokenAt(Kind.MISSING, files.get(2), 1);

        assertThat(finding.message())
                .contains("are missing between " + files.get(0).getFileName());
    }

    @Test
    void deletedOldestFileIsNotMistakenForRetention() throws Exception {
        Files.delete(files.getFirst());

        Finding finding = brokenAt(Kind.MISSING, middle, 1);

        assertThat(finding.message()).contains("no retention record explains it");
    }

    @Test
    void rewritingTheChainAfterAnEditIsCaughtByTheNextCheckpoint() throws Exception {
        // An attacker without the key edits a record and recomputes every hash after it.
        List<String> lines = TestLogs.lines(middle);
        lines.set(2, lines.get(2).replaceFirst("\"port\":(\\d+)", "\"port\":1"));
        TestLogs.writeLines(middle, lines);
        rechainFrom(middle, 3);

        Finding finding = brokenAt(Kind.REWRITTEN, middle, lines.size());

        assertThat(finding.message()).contains("records were rewritten after");
    }

    @Test
    void forgedCheckpointSignatureIsDetected() throws Exception {
        List<String> lines = TestLogs.lines(middle);
        String checkpoint = lines.getLast();
        Matcher signature = Pattern.compile("\"signature\":\"([^\"]+)\"").matcher(checkpoint);
        assertThat(signature.find()).isTrue();
        String forged = signature.group(1).charAt(0) == 'A' ? "B" : "A";
        lines.set(
                lines.size() - 1,
                checkpoint.replace(
                        signature.group(1), forged + signature.group(1).substring(1)));
        TestLogs.writeLines(middle, lines);
        rechainFrom(middle, lines.size());

        brokenAt(Kind.BAD_CHECKPOINT, middle, lines.size());
    }

    @Test
    void removedAnchorIsReported() throws Exception {
        for (String slot : Anchor.SLOTS) {
            Files.delete(location.keyDirectory().resolve(slot));
        }

        VerifyReport report = AuditVerifier.verify(location);

        assertThat(report.firstBreak()).map(Finding::kind).contains(Kind.NO_ANCHOR);
    }

    private static long sequence(String line) {
        Matcher matcher = Pattern.compile("\"sequence\":(\\d+)").matcher(line);
        assertThat(matcher.find()).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    /** Recomputes prev_sha256 from line {@code fromLine} (1-based) of {@code file} through the whole log. */
    private void rechainFrom(Path file, int fromLine) throws Exception {
        boolean started = false;
        String previousHash = null;
        for (Path each : files) {
            List<String> lines = TestLogs.lines(each);
            for (int i = 0; i < lines.size(); i++) {
                if (!started && each.equals(file) && i == fromLine - 1) {
                    started = true;
                    previousHash = hash(TestLogs.lines(file).get(i - 1));
                }
                if (started) {
                    Matcher matcher = PREV.matcher(lines.get(i));
                    assertThat(matcher.find()).isTrue();
                    lines.set(i, matcher.replaceFirst("\"prev_sha256\":\"" + previousHash + "\""));
                    previousHash = hash(lines.get(i));
                }
            }
            TestLogs.writeLines(each, lines);
        }
    }

    private static String hash(String line) {
        return Sha256.hex(Sha256.digest().digest(line.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void jsonReportStatesIntegrityFilesAnchorAndTheBreak() throws Exception {
        JsonNode clean = Json.MAPPER.readTree(AuditVerifier.verify(location).json());
        assertThat(clean.get("intact").asBoolean()).isTrue();
        assertThat(clean.get("files")).hasSize(files.size());
        assertThat(clean.get("records").asLong())
                .isEqualTo(sum(clean.get("files")))
                .isPositive();
        assertThat(clean.get("anchor").get("sha256").asString()).hasSize(64);
        assertThat(clean.has("break")).isFalse();

        List<String> lines = TestLogs.lines(middle);
        lines.set(1, lines.get(1).replaceFirst("\"port\":(\\d+)", "\"port\":7"));
        TestLogs.writeLines(middle, lines);
        JsonNode broken = Json.MAPPER.readTree(AuditVerifier.verify(location).json());

        assertThat(broken.get("intact").asBoolean()).isFalse();
        assertThat(broken.get("break").get("file").asString())
                .isEqualTo(middle.getFileName().toString());
        assertThat(broken.get("break").get("line").asInt()).isEqualTo(2);
    }

    private static long sum(JsonNode fileSummaries) {
        long total = 0;
        for (JsonNode file : fileSummaries) {
            total += file.get("records").asLong();
        }
        return total;
    }
}
