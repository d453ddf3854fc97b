package org.pcisegment.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcisegment.core.testing.TestPolicySets;
import org.pcisegment.enforce.pf.PfEnforcer;
import org.pcisegment.enforce.testing.FakePfctl;

/** enforce, status and disable without a kernel: validation, flags, the pf backend through a fake pfctl. */
class EnforceCommandTest {
    @TempDir
    Path dir;

    private final FakePfctl pfctl = new FakePfctl();

    private EnforcerSource pf() {
        return name -> new PfEnforcer(pfctl, dir.resolve("anchors/pci-segment"));
    }

    private static String example(String file) {
        return TestPolicySets.examples().resolve(file).toString();
    }

    private String audit() {
        return dir.resolve("audit").toString();
    }

    /** {@code enforce} of one example policy file with the pf backend, plus {@code extra} (host: payment-db). */
    private Cli enforce(EnforcerSource enforcers, String policyFile, String... extra) {
        List<String> args = new ArrayList<>(
                List.of("enforce", "-f", example("policies/" + policyFile), "--inventory", example("inventory.yaml")));
        args.addAll(List.of("--backend", "pf"));
        args.addAll(List.of(extra));
        if (!args.contains("--host")) {
            args.addAll(List.of("--host", "payment-db"));
        }
        return Cli.run(enforcers, args.toArray(String[]::new));
    }

    @Test
    void refusesPoliciesThatFailValidationAndTouchesNothing() {
        Cli result = enforce(pf(), "invalid-policy.yaml", "--audit-dir", audit());

        assertThat(result.exitCode()).isEqualTo(ExitCode.FINDINGS);
        assertThat(result.out()).contains("[!] INVALID");
        assertThat(result.err()).contains("Refusing to enforce");
        assertThat(pfctl.calls).isEmpty();
    }

    @Test
    void dryRunPrintsTheAnchorInTheSeedShapeAndChangesNothing() {
        Cli result = enforce(pf(), "cde-isolation.yaml", "--dry-run");

        assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(result.out())
                .startsWith("[OK] Loaded 1 polic(ies)\n[OK] Policy 'cde-isolation' covers: [Req 1.2, Req 1.3]\n\n"
                        + "[STARTING] PCI-DSS enforcement...\n")
                .contains("Would write to " + dir.resolve("anchors/pci-segment") + ":\n"
                        + "# pci-segment - PCI-DSS Compliant Network Segmentation\n# Generated: ")
                .contains("# Default deny (PCI-DSS Req 1.3)\nblock drop all\n")
                .contains("# Policy: cde-isolation\n# PCI-DSS: Req 1.2, Req 1.3\n"
                        + "pass out proto tcp to 10.0.10.0/24 port 443\n"
                        + "pass in proto tcp from 10.0.20.0/24 to any port 9090\n")
                .contains("Changes against nothing installed")
                .endsWith("[OK] Dry run: nothing was changed\n");
        assertThat(pfctl.calls).allSatisfy(call -> assertThat(call).doesNotContain("-f", "-F"));
        assertThat(dir.resolve("anchors/pci-segment")).doesNotExist();
    }

    @Test
    void appliesShowsStatusAndDisablesRecordingEachChange() {
        String[] management = {"--audit-dir", audit(), "--mgmt-cidr", "192.0.2.0/24", "--mgmt-port", "22"};

        Cli applied = enforce(pf(), "cde-isolation.yaml", management);
        Cli again = enforce(pf(), "cde-isolation.yaml", management);
        Cli status = Cli.run(pf(), "status", "--backend", "pf");
        Cli disabled = Cli.run(pf(), "disable", "--backend", "pf", "--audit-dir", audit());
        Cli after = Cli.run(pf(), "status", "--backend", "pf");

        assertThat(applied.exitCode()).as(applied.err()).isEqualTo(ExitCode.OK);
        assertThat(applied.out())
                .contains("+ ingress tcp from 192.0.2.0/24 port 22 [management]")
                .endsWith("[OK] Enforcement active\n");
        assertThat(again.out()).contains("is already installed: nothing to do");
        assertThat(status.out())
                .contains("Status: ACTIVE")
                .contains("Rule set: ")
                .contains("default deny (block drop all)");
        assertThat(disabled.out()).contains("[OK] Removed rule set").contains("[OK] Enforcement disabled");
        assertThat(after.out()).contains("Status: NOT INSTALLED");
        assertThat(Cli.auditActions(dir.resolve("audit")))
                .filteredOn(a -> a.startsWith("policy-") || a.startsWith("enforcement-"))
                .containsExactly("policy-applied", "policy-removed");
    }

    @Test
    void aBackendThatCannotRunFailsWithExitThreeAndIsRecorded() {
        EnforcerSource withoutPfctl = name -> new PfEnforcer(
                (command, stdin) -> {
                    throw new UncheckedIOException(new IOException("No such file or directory"));
                },
                dir.resolve("anchors/pci-segment"));

        Cli result = enforce(withoutPfctl, "cde-isolation.yaml", "--audit-dir", audit());

        assertThat(result.exitCode()).isEqualTo(ExitCode.OPERATION);
        assertThat(result.err()).contains("[FAILED]").contains("pfctl");
        assertThat(Cli.auditActions(dir.resolve("audit"))).contains("enforcement-failed");
    }

    @Test
    void flagMistakesAreInputErrors() {
        Cli onlyCidr = enforce(pf(), "cde-isolation.yaml", "--dry-run", "--mgmt-cidr", "192.0.2.0/24");
        Cli hostBits =
                enforce(pf(), "cde-isolation.yaml", "--dry-run", "--mgmt-cidr", "192.0.2.7/24", "--mgmt-port", "22");
        Cli badPort =
                enforce(pf(), "cde-isolation.yaml", "--dry-run", "--mgmt-cidr", "192.0.2.0/24", "--mgmt-port", "ssh");
        Cli unknownHost = enforce(pf(), "cde-isolation.yaml", "--dry-run", "--host", "payment-dbb");
        Cli unknownBackend = Cli.run("status", "--backend", "iptables");

        assertThat(List.of(onlyCidr, hostBits, badPort, unknownHost, unknownBackend))
                .allSatisfy(r -> assertThat(r.exitCode()).isEqualTo(ExitCode.INPUT));
        assertThat(onlyCidr.err()).contains("--mgmt-cidr and --mgmt-port go together");
        assertThat(hostBits.err()).contains("did you mean 192.0.2.0/24?");
        assertThat(badPort.err()).contains("management port 'ssh' is not a port number");
        assertThat(unknownHost.err()).contains("no workload 'payment-dbb'").contains("payment-db");
        assertThat(unknownBackend.err()).contains("unknown backend 'iptables'");
    }
}
