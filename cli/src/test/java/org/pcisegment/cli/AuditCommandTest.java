package org.pcisegment.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcisegment.audit.AuditConfig;
import org.pcisegment.audit.AuditEvent;
import org.pcisegment.audit.AuditLocation;
import org.pcisegment.audit.AuditLog;
import org.pcisegment.audit.Events;
import org.pcisegment.audit.OctetCountedFrames;
import org.pcisegment.core.json.Json;
import tools.jackson.databind.JsonNode;

class AuditCommandTest {
    @TempDir
    Path temp;

    private Path directory;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeLog() {
        directory = temp.resolve("audit");
        Instant now = Instant.now();
        AuditConfig config = AuditConfig.at(new AuditLocation(directory, temp.resolve("audit-key")))
                .withClock(Clock.fixed(now, ZoneOffset.UTC));
        try (AuditLog log = AuditLog.open(config)) {
            log.record(Events.applied().withTimestamp(now.minusSeconds(7200)));
            for (int i = 0; i < 5; i++) {
                log.recordBatched(AuditEvent.flowDenied(Events.tcpFlow(40000 + i)));
            }
            log.record(AuditEvent.enforcementStopped("nft", "operator request"));
        }
    }

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    private Path logFile() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                    .findFirst()
                    .orElseThrow();
        }
    }

    @Test
    void verifyExitsZeroForAnIntactLog() {
        int code = run("audit", "verify", "--audit-dir", directory.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("[OK] Audit log intact", "Records: 10");
    }

    @Test
    void verifyExitsOneAndLocatesTheBreak() throws Exception {
        Path file = logFile();
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.remove(3);
        Files.write(file, lines);

        int code = run("audit", "verify", "--audit-dir", directory.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("[BROKEN] " + file.getFileName() + ":4: missing: record(s) 3 are missing");
    }

    @Test
    void verifyReportsInJson() throws Exception {
        Path file = logFile();
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(2, lines.get(2).replace("\"port\":40000", "\"port\":1"));
        Files.write(file, lines);

        int code = run("audit", "verify", "--audit-dir", directory.toString(), "--format", "json");

        assertThat(code).isEqualTo(1);
        JsonNode report = Json.MAPPER.readTree(out.toString());
        assertThat(report.path("intact").asBoolean()).isFalse();
        assertThat(report.path("break").path("kind").asString()).isEqualTo("altered");
        assertThat(report.path("break").path("line").asInt()).isEqualTo(3);
    }

    @Test
    void verifyWithoutALogIsAnInputError() {
        int code = run("audit", "verify", "--audit-dir", temp.resolve("nothing").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("nothing", "no audit log here");
    }

    @Test
    void queryFiltersByTypeAndTime() {
        int code = run("audit", "query", "--audit-dir", directory.toString(), "--type", "flow-denied", "--since", "1h");

        assertThat(code).as(err.toString()).isZero();
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(5);
        assertThat(lines[0]).contains("flow-denied", "denied tcp 10.0.20.5:40000 -> 10.0.10.7:5432");
    }

    @Test
    void queryPrintsStoredRecordsAsJsonLines() throws Exception {
        int code = run("audit", "query", "--audit-dir", directory.toString(), "--type", "policy", "--format", "json");

        assertThat(code).isZero();
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(1);
        assertThat(lines[0]).isEqualTo(Files.readAllLines(logFile()).get(1));
    }

    @Test
    void queryRejectsAnUnknownType() {
        int code = run("audit", "query", "--audit-dir", directory.toString(), "--type", "polcy");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--type: unknown event type 'polcy' (did you mean 'policy'?)");
    }

    @Test
    void exportWritesJsonLinesToAFile() throws Exception {
        Path target = temp.resolve("export.jsonl");

        int code = run(
                "audit", "export", "--audit-dir", directory.toString(), "--format", "jsonl", "-o", target.toString());

        assertThat(code).isZero();
        assertThat(Files.readAllLines(target)).containsExactlyElementsOf(Files.readAllLines(logFile()));
    }

    @Test
    void exportSendsSyslogToATcpCollector() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<List<String>> frames =
                    CompletableFuture.supplyAsync(() -> OctetCountedFrames.accept(server));

            int code = run(
                    "audit",
                    "export",
                    "--audit-dir",
                    directory.toString(),
                    "--format",
                    "syslog",
                    "--type",
                    "enforcement",
                    "--target",
                    "127.0.0.1:" + server.getLocalPort(),
                    "--protocol",
                    "tcp");

            assertThat(code).as(err.toString()).isZero();
            List<String> received = frames.get(30, TimeUnit.SECONDS);
            assertThat(received).hasSize(1);
            assertThat(received.getFirst()).startsWith("<110>1 ").contains(" pci-segment - enforcement-stopped - {");
            assertThat(err.toString()).contains("[OK] 1 record(s) sent to 127.0.0.1:" + server.getLocalPort());
        }
    }

    @Test
    void exportToAnUnreachableCollectorExitsThree() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }

        int code = run(
                "audit",
                "export",
                "--audit-dir",
                directory.toString(),
                "--format",
                "syslog",
                "--target",
                "127.0.0.1:" + port);

        assertThat(code).isEqualTo(3);
        assertThat(err.toString()).contains("cannot send to the syslog collector 127.0.0.1:" + port);
    }

    @Test
    void exportRejectsABadTarget() {
        int code = run(
                "audit", "export", "--audit-dir", directory.toString(), "--format", "syslog", "--target", "no-port");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--target: expected HOST:PORT");
    }

    @Test
    void helpNamesTheExitCodes() {
        for (String command : List.of("verify", "query", "export")) {
            StringWriter help = new StringWriter();
            int code = Main.run(new String[] {"audit", command, "--help"}, new PrintWriter(help), new PrintWriter(err));
            assertThat(code).isZero();
            assertThat(help.toString()).contains("Exit codes: 0", "--audit-dir", "Examples:");
        }
    }
}
