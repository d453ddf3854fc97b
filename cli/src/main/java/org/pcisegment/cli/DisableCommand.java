package org.pcisegment.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.pcisegment.audit.AuditException;
import org.pcisegment.audit.AuditLog;
import org.pcisegment.enforce.Enforcement;
import org.pcisegment.enforce.EnforcementException;
import org.pcisegment.enforce.EnforcementMetadata;
import org.pcisegment.enforce.Enforcer;
import org.pcisegment.enforce.InstalledState;
import org.pcisegment.enforce.Removed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "disable",
        description = {
            "Remove everything pci-segment installed on this host, and nothing else.",
            "Removes what it installed through a backend (its nftables table, its pf",
            "anchor) in one step, and nothing else: other tables, chains and anchors stay untouched.",
            "The removal is recorded in the audit log first."
        },
        footer = {"", "Exit codes: 0 removed (or nothing to remove), 3 removal failed (nothing was removed)."})
final class DisableCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backend;

    @Mixin
    AuditOption audit;

    private final EnforcerSource enforcers;

    DisableCommand() {
        this(EnforcerSource.DEFAULT);
    }

    DisableCommand(EnforcerSource enforcers) {
        this.enforcers = enforcers;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Enforcer enforcer = enforcers.open(backend.name());
        out.println("[STARTING] Removing pci-segment enforcement from " + enforcer.target() + "...");
        try (AuditLog log = audit.open()) {
            Removed removed = new Enforcement(enforcer, log).disable();
            if (removed.before() instanceof InstalledState.Present present) {
                out.println("[OK] Removed rule set "
                        + present.metadata().map(EnforcementMetadata::shortHash).orElse("(unidentified)") + " ("
                        + present.items().size() + " rules); other rules on this host were not touched");
                out.println("[OK] Enforcement disabled");
            } else {
                out.println("[OK] Nothing to remove: pci-segment has nothing installed through " + enforcer.name());
            }
            return ExitCode.OK;
        } catch (AuditException e) {
            err.println("[FAILED] The audit log cannot be written (" + e.getMessage() + "): nothing was removed");
            return ExitCode.OPERATION;
        } catch (EnforcementException e) {
            err.println("[FAILED] Removal failed: " + e.getMessage());
            err.println(
                    e.previousStateKept()
                            ? "The ruleset is still installed."
                            : "WARNING: the state is uncertain; check with 'pci-segment status'.");
            return ExitCode.OPERATION;
        }
    }
}
