package org.pcisegment.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.pcisegment.kube.analysis.Connection;
import org.pcisegment.kube.analysis.Connectivity;
import org.pcisegment.kube.analysis.ConnectivityAnalyzer;
import org.pcisegment.kube.format.ConnlistWriter;
import org.pcisegment.kube.format.OutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "analyze",
        description = {
            "List the connections that the NetworkPolicies (networking.k8s.io/v1) and Calico policies"
                    + " (projectcalico.org/v3) of a set of manifests allow, between workloads and to and"
                    + " from the outside.",
            "",
            "Reads manifests as kubectl get -o yaml or a Helm render gives them: multi-document YAML, JSON,"
                    + " kind: List, PodList, NamespaceList. Kinds that do not affect connectivity are skipped"
                    + " with a note. The text output is the np-guard netpol-analyzer connlist form, so the two"
                    + " tools can be compared line for line."
        },
        footer = {
            "",
            "Exit codes: 0 analysed, 2 usage or input error.",
            "",
            "Examples:",
            "  pci-segment kube analyze -f manifests/",
            "  pci-segment kube analyze -f cluster.yaml --format mermaid -o flows.md",
            "  pci-segment kube analyze -f manifests/ --focus-workload payments/api"
        })
final class KubeAnalyzeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KubeOptions options;

    @Mixin
    ManifestFiles manifests;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format = OutputFormat.txt;

    @Option(
            names = "--focus-workload",
            paramLabel = "NS/NAME",
            description = "Only the connections to or from this workload.")
    Optional<String> focus = Optional.empty();

    @Mixin
    ReportFile reportFile;

    @Override
    public Integer call() {
        Connectivity connectivity = ConnectivityAnalyzer.analyze(manifests.read());
        List<Connection> connections = focus.map(connectivity::involving).orElse(connectivity.connections());
        String report = ConnlistWriter.write(connectivity, connections, format, options.cde());
        options.printNotes(spec.commandLine().getErr(), connectivity.notes());
        reportFile.write(spec, report);
        return ExitCode.OK;
    }
}
