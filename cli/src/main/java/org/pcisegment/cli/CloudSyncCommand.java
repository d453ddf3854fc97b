package org.pcisegment.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.pcisegment.audit.AuditConfig;
import org.pcisegment.audit.AuditException;
import org.pcisegment.audit.AuditLocation;
import org.pcisegment.audit.AuditLog;
import org.pcisegment.cloud.ApplyReport;
import org.pcisegment.cloud.CloudProvider;
import org.pcisegment.cloud.CloudProviders;
import org.pcisegment.cloud.CloudState;
import org.pcisegment.cloud.CloudSync;
import org.pcisegment.cloud.Plan;
import org.pcisegment.cloud.PlanWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "cloud-sync",
        description = {
            "Sync policies to AWS Security Groups or Azure NSGs.",
            "",
            "Plans the change from what the cloud has to what the policies ask (one group per policy,"
                    + " attached to the instances whose tags the policy selects), shows the plan, and"
                    + " applies it unless --dry-run. Only resources carrying the ownership tag are changed;"
                    + " every change is written to the audit log. Credentials come from the SDKs' standard"
                    + " chains (AWS: environment, profiles, instance role; Azure: DefaultAzureCredential)."
        },
        footer = {
            "",
            "Exit codes: 0 in sync (or dry run), 1 policy errors, 2 usage or input error,",
            "            3 cloud operation failed or plan blocked (not rolled back: re-run).",
            "",
            "Examples:",
            "  pci-segment cloud-sync -f examples/policies/cde-app.yaml \\",
            "      --inventory examples/inventory.yaml \\",
            "      -c examples/cloud/aws-config.yaml --dry-run",
            "  pci-segment cloud-sync -f 'policies/*.yaml' -c azure-config.yaml \\",
            "      --audit-dir /var/log/pci-segment"
        })
final class CloudSyncCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CloudOptions cloud;

    @Option(names = "--dry-run", description = "Show the plan and stop: nothing is changed.")
    boolean dryRun;

    @Mixin
    AuditLocationOptions auditLocation;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<CloudOptions.Inputs> inputs = cloud.load(err);
        if (inputs.isEmpty()) {
            return ExitCode.FINDINGS;
        }
        var policies = inputs.get().policies();
        var config = inputs.get().config();
        try (CloudProvider provider = CloudProviders.open(config)) {
            CloudState state;
            try {
                state = provider.read();
            } catch (RuntimeException e) {
                return CloudCommands.failed(err, "cannot read the cloud state of " + config.scope(), e);
            }
            Plan plan = CloudSync.plan(policies, config, provider, state);
            out.print(PlanWriter.write(plan, provider.rules()));
            out.flush();
            if (!plan.conflicts().isEmpty()) {
                err.println("error: the plan is blocked (see above); nothing was changed");
                err.flush();
                return ExitCode.OPERATION;
            }
            if (dryRun) {
                out.println("\nDry run: nothing was changed.");
                return ExitCode.OK;
            }
            if (plan.isEmpty()) {
                return ExitCode.OK;
            }
            AuditLocation location = auditLocation.resolve();
            ApplyReport report;
            try (AuditLog audit = AuditLog.open(AuditConfig.at(location))) {
                report = CloudSync.apply(plan, state, policies, config, provider, audit);
            } catch (AuditException e) {
                return CloudCommands.failed(
                        err,
                        "cannot open the audit log in " + location.directory()
                                + "; nothing was changed (give --audit-dir)",
                        e);
            }
            out.println();
            out.print(report.describe());
            out.flush();
            return report.succeeded() ? ExitCode.OK : ExitCode.OPERATION;
        }
    }
}
