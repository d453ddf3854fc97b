package org.pcisegment.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.pcisegment.audit.AuditException;
import org.pcisegment.audit.AuditLog;
import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.ir.PolicyCompiler;
import org.pcisegment.core.ir.RuleSet;
import org.pcisegment.core.load.PolicySet;
import org.pcisegment.core.pci.ValidationOptions;
import org.pcisegment.core.pci.ValidationResult;
import org.pcisegment.core.pci.Validator;
import org.pcisegment.core.pci.format.ValidationTextWriter;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.core.policy.Policy;
import org.pcisegment.enforce.Applied;
import org.pcisegment.enforce.ChangePlan;
import org.pcisegment.enforce.DesiredState;
import org.pcisegment.enforce.Enforcement;
import org.pcisegment.enforce.EnforcementException;
import org.pcisegment.enforce.Enforcer;
import org.pcisegment.enforce.LocalHost;
import org.pcisegment.enforce.ManagementAccess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "enforce",
        description = {
            "Enforce the policies on this host (nftables, pf or eBPF), default deny.",
            "Enforces default deny in every direction a policy restricts,",
            "the allowed peers, ports and protocols, return traffic, loopback, and a management",
            "exception. Refuses policies that fail validation, shows what would change against",
            "what is installed, then applies it in one atomic step (or changes nothing)."
        },
        footer = {
            "",
            "Exit codes: 0 enforced (or dry run), 1 policies fail validation, 2 usage or input error,",
            "            3 applying failed (the previous ruleset stays in force).",
            "",
            "Examples:",
            "  pci-segment enforce -f policies/ --inventory inventory.yaml --host payment-db \\",
            "      --mgmt-cidr 192.0.2.0/24 --mgmt-port 22",
            "  pci-segment enforce -f examples/policies/cde-isolation.yaml --inventory examples/inventory.yaml"
                    + " --backend pf --dry-run",
            "  pci-segment enforce -f policies/ --inventory inventory.yaml --backend ebpf --interface eth0"
        })
final class EnforceCommand implements Callable<Integer> {
    /** Changes listed one by one up to this many (all of them with -v). */
    private static final int LISTED_CHANGES = 40;

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Mixin
    BackendOption backend;

    @Mixin
    AuditOption audit;

    @Option(
            names = "--host",
            paramLabel = "NAME",
            description = "The inventory workload this machine is (default: the one owning this machine's addresses).")
    Optional<String> host = Optional.empty();

    @Option(
            names = "--interface",
            paramLabel = "NAME",
            description = "Interface to enforce on (ebpf backend; repeatable; default: every interface but"
                    + " loopback). The other backends filter the whole host.")
    List<String> interfaces = new ArrayList<>();

    @Option(names = "--dry-run", description = "Print the ruleset and what would change; change nothing.")
    boolean dryRun;

    @Option(
            names = "--mgmt-cidr",
            paramLabel = "CIDR",
            description = "Admin network always allowed in to the --mgmt-port ports (lock-out protection). Repeatable.")
    List<String> managementCidrs = new ArrayList<>();

    @Option(
            names = "--mgmt-port",
            paramLabel = "PORT[/PROTO]",
            description = "Local port (or range) the admin networks reach, TCP unless /udp or /sctp. Repeatable.")
    List<String> managementPorts = new ArrayList<>();

    @Option(
            names = "--mgmt-config",
            paramLabel = "FILE",
            description = "YAML file with the management exception: 'sources: [CIDR...]' and 'ports: [PORT...]'.")
    Optional<Path> managementFile = Optional.empty();

    @Option(
            names = "--compliance",
            paramLabel = "MODE",
            description = "Compliance mode (default: ${DEFAULT-VALUE}; only pci is supported).")
    String compliance = "pci";

    @Option(
            names = {"-v", "--verbose"},
            description = "List every change, not only the first " + LISTED_CHANGES + ".")
    boolean verbose;

    private final EnforcerSource enforcers;

    EnforceCommand() {
        this(EnforcerSource.DEFAULT);
    }

    EnforceCommand(EnforcerSource enforcers) {
        this.enforcers = enforcers;
    }

    @Override
    public Integer call() {
        if (!compliance.equals("pci")) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--compliance " + compliance + " is not supported; use pci");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String backendName = backend.name();
        ManagementAccess management = ManagementAccess.fromFlags(managementCidrs, managementPorts);
        if (managementFile.isPresent()) {
            management = management.plus(ManagementAccess.load(managementFile.get()));
        }
        PolicySet policySet = input.load();
        ValidationResult validation = Validator.validate(policySet, ValidationOptions.DEFAULTS);
        if (!validation.isValid()) {
            out.print(ValidationTextWriter.write(validation, false));
            err.println("[!] Refusing to enforce: the policies fail PCI-DSS validation (errors above);"
                    + " nothing was changed");
            return ExitCode.FINDINGS;
        }
        out.println("[OK] Loaded " + policySet.policies().size() + " polic(ies)");
        for (Policy policy : policySet.policies()) {
            out.println("[OK] Policy '" + policy.displayName() + "' covers: ["
                    + String.join(", ", policy.pciCitations()) + "]");
        }
        out.println();
        out.println("[STARTING] PCI-DSS enforcement...");
        Workload workload = host.map(name -> LocalHost.byName(policySet.inventory(), name))
                .orElseGet(() -> LocalHost.find(policySet.inventory(), LocalHost.addresses()));
        RuleSet ruleSet = PolicyCompiler.compile(policySet);
        DesiredState desired = DesiredState.of(ruleSet, workload, management, Instant.now(), Version.get());
        Enforcer enforcer;
        try {
            enforcer = enforcers.open(backendName, interfaces);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        List<String> addresses = workload.addresses().stream()
                .map(c -> c.prefixLength() == c.family().bits() ? c.network().toString() : c.toString())
                .toList();
        out.println("Host: " + workload.name() + " (" + String.join(", ", addresses) + "), backend " + enforcer.name());
        warnings(out, desired);
        if (dryRun) {
            out.println("Would write to " + enforcer.target() + ":");
            out.print(enforcer.render(desired));
            out.println();
            try {
                printPlan(out, enforcer.diff(desired, enforcer.installed()));
            } catch (EnforcementException e) {
                out.println("Installed ruleset: unknown (" + e.getMessage() + ")");
            }
            out.println("[OK] Dry run: nothing was changed");
            return ExitCode.OK;
        }
        try (AuditLog log = audit.open()) {
            Enforcement enforcement = new Enforcement(enforcer, log);
            ChangePlan plan = enforcement.plan(desired);
            printPlan(out, plan);
            if (plan.unchanged()) {
                out.println("[OK] Rule set " + desired.metadata().shortHash() + " is already installed: nothing to do");
                out.println("[OK] Enforcement active");
                return ExitCode.OK;
            }
            Applied applied = enforcement.apply(desired, policySet);
            out.println("Applied rule set " + desired.metadata().shortHash() + " ("
                    + applied.installed().items().size() + " rules) to " + enforcer.target()
                    + " in one transaction; read back and verified");
            out.println("[OK] Enforcement active");
            return ExitCode.OK;
        } catch (AuditException e) {
            err.println("[FAILED] The audit log cannot be written (" + e.getMessage() + "): nothing was changed");
            return ExitCode.OPERATION;
        } catch (EnforcementException e) {
            err.println("[FAILED] Enforcement failed: " + e.getMessage());
            err.println(
                    e.previousStateKept()
                            ? "The previous ruleset is still in force."
                            : "WARNING: the previous ruleset could not be restored; check with 'pci-segment status'.");
            return ExitCode.OPERATION;
        }
    }

    private static void warnings(PrintWriter out, DesiredState desired) {
        if (!desired.restrictsAnything()) {
            out.println("[WARN] No policy restricts '" + desired.workload().name() + "': its traffic stays unfiltered");
        } else if (desired.restricted(Direction.INGRESS) && desired.management().isEmpty()) {
            out.println("[WARN] No management exception (--mgmt-cidr/--mgmt-port): only what the policies allow"
                    + " reaches this host; make sure that includes your own access");
        }
    }

    private void printPlan(PrintWriter out, ChangePlan plan) {
        String against = plan.installedBefore()
                ? "the installed rule set "
                        + plan.previous()
                                .map(m -> m.shortHash() + " (applied " + m.appliedAt() + ")")
                                .orElse("(unidentified)")
                : "nothing installed";
        if (plan.unchanged()) {
            out.println("No changes against " + against);
            return;
        }
        out.println("Changes against " + against + ": " + plan.summary());
        int listed = 0;
        int total = plan.added().size() + plan.removed().size();
        for (var item : plan.removed()) {
            if (verbose || listed++ < LISTED_CHANGES) {
                out.println("  - " + item.text());
            }
        }
        for (var item : plan.added()) {
            if (verbose || listed++ < LISTED_CHANGES) {
                out.println("  + " + item.text());
            }
        }
        if (!verbose && total > LISTED_CHANGES) {
            out.println("  ... and " + (total - LISTED_CHANGES) + " more (-v lists them all)");
        }
    }
}
