package org.pcisegment.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcisegment.audit.AuditConfig;
import org.pcisegment.audit.AuditEvent;
import org.pcisegment.audit.AuditLocation;
import org.pcisegment.audit.AuditLog;
import org.pcisegment.audit.EventAction;
import org.pcisegment.audit.MutableClock;
import org.pcisegment.audit.Outcome;
import org.pcisegment.audit.Subject;
import org.pcisegment.core.json.Json;
import org.pcisegment.core.load.PolicySetLoader;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.core.testing.TestPolicySets;
import tools.jackson.databind.JsonNode;

/** The report command end to end: its output shape, its files, and figures that follow the inputs. */
class ReportCommandTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @TempDir
    Path temp;

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private static List<String> examplePolicies() {
        Path policies = TestPolicySets.examples().resolve("policies");
        List<String> args = new ArrayList<>();
        for (String name : List.of("cde-app.yaml", "cde-database.yaml", "cde-isolation.yaml")) {
            args.add("-f");
            args.add(policies.resolve(name).toString());
        }
        return args;
    }

    private Run report(Path inventory, Optional<Path> audit, Path output, String... more) {
        List<String> args = new ArrayList<>(List.of("report"));
        args.addAll(examplePolicies());
        args.addAll(List.of("--inventory", inventory.toString(), "-o", output.toString(), "--now", NOW.toString()));
        audit.ifPresent(dir -> args.addAll(List.of("--audit-dir", dir.toString())));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    /** A real audit log with {@code blocked} deny and {@code allowed} allow events in the last month. */
    private Path auditLog(String name, int blocked, int allowed) {
        Path dir = temp.resolve(name);
        AuditLocation location = new AuditLocation(dir, temp.resolve(name + "-key"));
        MutableClock clock = new MutableClock(NOW.minus(Duration.ofDays(20)));
        String sha = PolicySetLoader.load(
                        examplePolicies().stream().filter(a -> !a.equals("-f")).toList(),
                        List.of(TestPolicySets.examples()
                                .resolve("inventory.yaml")
                                .toString()))
                .sha256();
        try (AuditLog log = AuditLog.open(AuditConfig.at(location).withClock(clock))) {
            log.record(AuditEvent.of(
                            EventAction.POLICY_APPLIED,
                            Outcome.SUCCESS,
                            "policy set applied to nft",
                            new Subject.PolicyChange(
                                    sha, List.of("cde-isolation"), List.of(), Optional.of("nft"), Optional.empty()))
                    .withTimestamp(clock.instant()));
            for (int i = 0; i < blocked + allowed; i++) {
                clock.advance(Duration.ofMinutes(1));
                Subject.NetworkFlow flow = new Subject.NetworkFlow(
                        IpAddress.parseOrThrow("10.0.2.10"),
                        40000 + i,
                        IpAddress.parseOrThrow("10.0.1.20"),
                        5432,
                        6,
                        Direction.INGRESS,
                        1,
                        Optional.empty(),
                        Optional.empty());
                AuditEvent event = i < blocked ? AuditEvent.flowDenied(flow) : AuditEvent.flowAllowed(flow);
                log.recordBatched(event.withTimestamp(clock.instant()));
            }
        }
        return dir;
    }

    @Test
    void printsTheSummaryShapeWithFiguresFromTheInputs() throws Exception {
        Path inventory = TestPolicySets.examples().resolve("inventory.yaml");
        Path output = temp.resolve("report.html");
        Run result = report(inventory, Optional.of(auditLog("log", 3, 2)), output);
        assertThat(result.err()).isEmpty();
        assertThat(result.out())
                .startsWith("[OK] Loaded 3 polic(ies)\n\n[GENERATING] html compliance report...\n"
                        + "[OK] Report generated: " + output + "\n\n[REPORT SUMMARY]\n")
                .contains(
                        "   Status: NON-COMPLIANT\n",
                        "   Policies: 3\n",
                        "   CDE Servers: 2\n",
                        "   Blocked Events: 3\n",
                        "   Allowed Events: 2\n",
                        "   Audit Log: intact\n");
        assertThat(result.code())
                .as("non-compliant: the examples expose the CDE")
                .isEqualTo(ExitCode.FINDINGS);
        assertThat(Files.readString(output)).startsWith("<!DOCTYPE html>").contains("data-figure=\"cde-workloads\">2<");
    }

    @Test
    void theFiguresFollowTheInventoryAndTheAuditLog() throws Exception {
        Path inventory = temp.resolve("inventory.yaml");
        Files.writeString(
                inventory,
                Files.readString(TestPolicySets.examples().resolve("inventory.yaml"))
                        .replace("labels: {zone: dmz, tier: web}", "labels: {pci-env: cde, zone: dmz, tier: web}"));
        Run result = report(inventory, Optional.of(auditLog("busy", 7, 4)), temp.resolve("r.json"));
        assertThat(result.out()).contains("   CDE Servers: 3\n", "   Blocked Events: 7\n", "   Allowed Events: 4\n");
        JsonNode json = Json.MAPPER.readTree(temp.resolve("r.json").toFile());
        assertThat(json.path("summary").path("cde_workloads").asInt()).isEqualTo(3);
        assertThat(json.path("summary").path("blocked_events").asInt()).isEqualTo(7);
        assertThat(json.path("report").path("generated_at").asString()).isEqualTo(NOW.toString());
    }

    @Test
    void withoutAnAuditLogTheEventsAreNotAssessed() {
        Run result =
                report(TestPolicySets.examples().resolve("inventory.yaml"), Optional.empty(), temp.resolve("r.json"));
        assertThat(result.out()).contains("   Blocked Events: n/a (no audit log)\n");
    }

    @Test
    void comparesWithAPreviousReport() throws Exception {
        Path inventory = TestPolicySets.examples().resolve("inventory.yaml");
        report(inventory, Optional.empty(), temp.resolve("before.json"));
        Path wider = temp.resolve("inventory.yaml");
        Files.writeString(
                wider,
                Files.readString(inventory)
                        .replace("labels: {role: monitoring}", "labels: {role: monitoring, pci-env: cde}"));
        Run result = report(
                wider,
                Optional.empty(),
                temp.resolve("after.json"),
                "--previous",
                temp.resolve("before.json").toString());
        assertThat(result.code()).isIn(ExitCode.OK, ExitCode.FINDINGS);
        JsonNode changes =
                Json.MAPPER.readTree(temp.resolve("after.json").toFile()).path("changes");
        assertThat(changes.path("notes").toString()).contains("cde_workloads: 2 -> 3");
    }

    @Test
    void aMissingAuditDirectoryIsAnInputError() {
        Run result = report(
                TestPolicySets.examples().resolve("inventory.yaml"),
                Optional.of(temp.resolve("none")),
                temp.resolve("r.html"));
        assertThat(result.code()).isEqualTo(ExitCode.INPUT);
        assertThat(result.err()).startsWith("error: ").contains("none");
    }
}
