package org.pcisegment.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pcisegment.core.json.Json;
import org.pcisegment.core.net.IpFamily;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.enforce.Backends;
import org.pcisegment.enforce.ebpf.EbpfEnforcer;
import org.pcisegment.enforce.ebpf.EbpfOptions;
import org.pcisegment.enforce.testing.Host;
import org.pcisegment.enforce.testing.Lab;
import org.pcisegment.enforce.testing.Prober;
import org.pcisegment.enforce.testing.SharedLab;
import org.pcisegment.enforce.testing.TestNetwork;
import tools.jackson.databind.JsonNode;

/** enforce, status and disable end to end on the eBPF backend, inside the lab's database host. */
@Tag("kernel")
class EbpfCommandsKernelTest {
    private static final Duration TIMEOUT = Duration.ofMillis(1200);

    @RegisterExtension
    static final SharedLab LAB = new SharedLab();

    @TempDir
    Path dir;

    private String policies;
    private String inventory;
    private String audit;

    @BeforeEach
    void writeFiles() {
        Lab.writeFiles(dir);
        policies = dir.resolve("policies").toString();
        inventory = dir.resolve("inventory.yaml").toString();
        audit = dir.resolve("audit").toString();
    }

    @AfterEach
    void removeEnforcement() {
        Host db = LAB.get().db();
        db.call(() -> Backends.create(EbpfEnforcer.NAME).disable());
        TestNetwork.run(List.of("sh", "-c", "tc -n " + db.namespace() + " qdisc del dev eth0 clsact || true"));
    }

    private static Cli onDatabase(String... args) {
        return LAB.get().db().call(() -> Cli.run(EnforcerSource.DEFAULT, args));
    }

    private static boolean officeReachesDatabase() {
        Host office = LAB.get().network().get("office");
        return Prober.reaches(office, LAB.get().db().address(IpFamily.V4), Protocol.TCP, 5432, TIMEOUT);
    }

    private Cli enforce(String... extra) {
        return onDatabase(enforceArgs(extra));
    }

    /** enforce of the lab policies with the eBPF backend on eth0, then {@code extra}. */
    private String[] enforceArgs(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of(
                "enforce",
                "-f",
                policies,
                "--inventory",
                inventory,
                "--backend",
                "ebpf",
                "--interface",
                "eth0",
                "--audit-dir",
                audit));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void statusAndDisableSeeFiltersWhosePinnedStateVanished() throws IOException {
        Cli enforced = enforce();
        assertThat(enforced.exitCode()).as(enforced.err()).isEqualTo(ExitCode.OK);
        assertThat(officeReachesDatabase()).isFalse();
        // what happens when the bpffs holding the pins goes away with a private mount namespace
        Path pins = LAB.get().db().call(() -> new EbpfEnforcer(EbpfOptions.DEFAULTS).pins());
        try (var entries = Files.list(pins)) {
            for (Path entry : entries.toList()) {
                Files.delete(entry);
            }
        }

        Cli status = onDatabase("status", "--backend", "ebpf");
        JsonNode json = Json.MAPPER.readTree(
                onDatabase("status", "--backend", "ebpf", "--format", "json").out());

        assertThat(status.exitCode()).isEqualTo(ExitCode.OPERATION);
        assertThat(status.out())
                .contains("Status: ATTACHED WITHOUT PINNED STATE: pci-segment filters on eth0 (ingress, egress) are"
                        + " active but their maps are not reachable")
                .contains("run 'pci-segment disable --backend ebpf'")
                .doesNotContain("NOT INSTALLED");
        assertThat(json.path("installed").asBoolean()).isTrue();
        assertThat(json.path("unmanaged").asString()).contains("eth0 (ingress, egress)");
        assertThat(officeReachesDatabase())
                .as("the unmanaged filters still filter")
                .isFalse();

        Cli disabled = onDatabase("disable", "--backend", "ebpf", "--audit-dir", audit);

        assertThat(disabled.exitCode()).as(disabled.err()).isEqualTo(ExitCode.OK);
        assertThat(disabled.out())
                .contains("[OK] Removed pci-segment filters whose rule set could not be read")
                .contains("[OK] Enforcement disabled")
                .doesNotContain("Nothing to remove");
        assertThat(officeReachesDatabase()).isTrue();
        Cli after = onDatabase("status", "--backend", "ebpf");
        assertThat(after.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(after.out()).contains("Status: NOT INSTALLED");
        assertThat(Cli.auditActions(dir.resolve("audit")))
                .filteredOn(a -> a.startsWith("policy-") || a.startsWith("enforcement-"))
                .containsExactly("policy-applied", "policy-removed");
    }

    @Test
    void statusAndDisableWriteNothingToStderrAndNameTheAttachedInterface() throws Exception {
        Cli enforced = enforce();
        assertThat(enforced.exitCode()).as(enforced.err()).isEqualTo(ExitCode.OK);

        // a separate process: libbpf's default printer writes to the process's stderr, not to ours
        Launched status = launch("status", "--backend", "ebpf");

        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.err()).isEmpty();
        assertThat(status.out())
                .contains("Backend: ebpf (eBPF TC programs on eth0 (ingress, egress), maps pinned under ")
                .doesNotContain("every non-loopback interface")
                .contains("Status: ACTIVE");

        Launched disabled = launch("disable", "--backend", "ebpf", "--audit-dir", audit);

        assertThat(disabled.exitCode()).as(disabled.err()).isZero();
        assertThat(disabled.err()).isEmpty();
        assertThat(disabled.out())
                .contains("Removing pci-segment enforcement from eBPF TC programs on eth0 (ingress, egress)")
                .contains("[OK] Enforcement disabled");
        Launched after = launch("status", "--backend", "ebpf");
        assertThat(after.err()).isEmpty();
        assertThat(after.out()).contains("Status: NOT INSTALLED");
    }

    @Test
    void enforceFollowWritesDenialsToTheAuditLogUntilSigtermThenExitsZeroLeavingEnforcement() throws Exception {
        Host office = LAB.get().network().get("office");
        Process following = start(enforceArgs("--follow"));
        try {
            Path out = dir.resolve("launched.out");
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!(Files.exists(out) && Files.readString(out).contains("[OK] Forwarding deny events"))) {
                assertThat(following.isAlive())
                        .as(() -> readQuietly(out) + readQuietly(dir.resolve("launched.err")))
                        .isTrue();
                assertThat(System.nanoTime()).as("follower ready").isLessThan(deadline);
                Thread.sleep(100);
            }

            assertThat(Prober.reaches(office, LAB.get().db().address(IpFamily.V4), Protocol.TCP, 22, TIMEOUT))
                    .as("denied by the policies")
                    .isFalse();
            Thread.sleep(500);
            following.destroy(); // SIGTERM

            assertThat(following.waitFor(30, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            String printed = Files.readString(out);
            assertThat(following.exitValue())
                    .as(printed + readQuietly(dir.resolve("launched.err")))
                    .isZero();
            assertThat(printed)
                    .containsPattern("\\[OK\\] Stopped forwarding after [1-9][0-9]* deny event\\(s\\);"
                            + " enforcement stays in force");
        } finally {
            following.destroyForcibly();
        }

        assertThat(officeReachesDatabase())
                .as("enforcement stays after the follower stopped")
                .isFalse();
        Cli denied = Cli.run("audit", "query", "--audit-dir", audit, "--type", "flow-denied", "--format", "json");
        assertThat(denied.exitCode()).as(denied.err()).isEqualTo(ExitCode.OK);
        String office4 = office.address(IpFamily.V4).toString();
        assertThat(denied.out())
                .as("a flow-denied record of the office's connection to port 22")
                .contains("flow-denied")
                .contains(office4)
                .contains(LAB.get().db().address(IpFamily.V4).toString());
    }

    @Test
    void followNeedsTheEbpfBackend() {
        Cli refused = onDatabase("enforce", "-f", policies, "--inventory", inventory, "--audit-dir", audit, "--follow");

        assertThat(refused.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(refused.err()).contains("--follow needs --backend ebpf");
    }

    private static String readQuietly(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** What a pci-segment process run in the database host's network namespace printed. */
    record Launched(int exitCode, String out, String err) {}

    Launched launch(String... args) throws IOException, InterruptedException {
        Process process = start(args);
        Path out = dir.resolve("launched.out");
        Path err = dir.resolve("launched.err");
        if (!process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("pci-segment " + String.join(" ", args) + " did not finish");
        }
        return new Launched(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** Starts pci-segment in the database host's network namespace, output to launched.out/.err. */
    Process start(String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                "nsenter",
                "--net=/run/netns/" + LAB.get().db().namespace(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectOutput(dir.resolve("launched.out").toFile())
                .redirectError(dir.resolve("launched.err").toFile())
                .start();
    }
}
