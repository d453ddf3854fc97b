package org.pcisegment.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.pcisegment.core.pci.Finding;
import org.pcisegment.kube.check.CheckOptions;
import org.pcisegment.kube.check.KubeChecker;
import org.pcisegment.kube.format.CheckReportWriter;
import org.pcisegment.kube.manifest.Cluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "check",
        description = {
            "Check CDE pod placement and exposure in cluster manifests, with the PCI-DSS requirement of each"
                    + " finding: CDE pods that may share nodes with other pods (2.2.3), other pods that tolerate"
                    + " the CDE taint and CDE nodes without it (2.2.3), CDE namespaces without default-deny"
                    + " ingress (1.3.1) and egress (1.3.2), hostNetwork and hostPort in the CDE (1.3.1),"
                    + " privileged or NET_ADMIN containers in the CDE (2.2.6), NodePort and LoadBalancer"
                    + " services in front of CDE pods (1.4.2), and CDE workloads the policies open to the"
                    + " outside (1.3.1).",
            "",
            "Give Node objects (kubectl get nodes -o yaml) to judge placement against the real nodes;"
                    + " without them a CDE pod must require the CDE node label itself."
        },
        footer = {
            "",
            "Exit codes: 0 no error findings, 1 error findings, 2 usage or input error.",
            "",
            "Examples:",
            "  pci-segment kube check -f manifests/ -f nodes.yaml",
            "  pci-segment kube check -f manifests/ --cde-label PCI=true --cde-taint dedicated=pci:NoSchedule"
        })
final class KubeCheckCommand implements Callable<Integer> {
    enum Format {
        text,
        json
    }

    @Spec
    CommandSpec spec;

    @Mixin
    KubeOptions options;

    @Mixin
    ManifestFiles manifests;

    @Option(
            names = "--cde-node-label",
            paramLabel = "KEY=VALUE",
            description = "Label of CDE nodes (default: pci-env=cde).")
    String cdeNodeLabel = "pci-env=cde";

    @Option(
            names = "--cde-taint",
            paramLabel = "KEY=VALUE:EFFECT",
            description = "Taint that keeps other pods off CDE nodes (default: pci-env=cde:NoSchedule).")
    String cdeTaint = "pci-env=cde:NoSchedule";

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    @Mixin
    ReportFile reportFile;

    @Override
    public Integer call() {
        CheckOptions checkOptions = new CheckOptions(
                options.cde(),
                CheckOptions.label(cdeNodeLabel, "--cde-node-label"),
                CheckOptions.taint(cdeTaint, "--cde-taint"));
        Cluster cluster = manifests.read();
        List<Finding> findings = KubeChecker.check(cluster, checkOptions);
        String report = switch (format) {
            case text -> CheckReportWriter.text(cluster, checkOptions, findings, options.verbose);
            case json -> CheckReportWriter.json(findings);
        };
        options.printNotes(spec.commandLine().getErr(), cluster.notes());
        reportFile.write(spec, report);
        return findings.stream().anyMatch(Finding::isError) ? ExitCode.FINDINGS : ExitCode.OK;
    }
}
