package org.pcisegment.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.pcisegment.kube.analysis.ConnectivityDiff;
import org.pcisegment.kube.format.DiffWriter;
import org.pcisegment.kube.format.OutputFormat;
import org.pcisegment.kube.manifest.Cluster;
import org.pcisegment.kube.manifest.ManifestReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "diff",
        description = {
            "Compare the connectivity of two versions of a cluster's manifests (PCI DSS 1.2.2: changes to"
                    + " network connections are reviewed): connections added, removed and changed, those"
                    + " touching the CDE first.",
        },
        footer = {
            "",
            "Exit codes: 0 no new access into the CDE, 1 the new version opens access into the CDE,"
                    + " 2 usage or input error.",
            "",
            "Example:",
            "  pci-segment kube diff --old release-41/ --new release-42/"
        })
final class KubeDiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KubeOptions options;

    @Option(names = "--old", paramLabel = "PATH", required = true, description = "The manifests before. Repeatable.")
    List<String> before = new ArrayList<>();

    @Option(names = "--new", paramLabel = "PATH", required = true, description = "The manifests after. Repeatable.")
    List<String> after = new ArrayList<>();

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "Output format: txt, json, csv or md (default: ${DEFAULT-VALUE}).")
    OutputFormat format = OutputFormat.txt;

    @Mixin
    ReportFile reportFile;

    @Override
    public Integer call() {
        if (format == OutputFormat.dot || format == OutputFormat.mermaid) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "kube diff writes txt, json, csv or md, not " + format);
        }
        Cluster old = ManifestReader.read(before);
        Cluster now = ManifestReader.read(after);
        ConnectivityDiff diff = ConnectivityDiff.compare(old, now, options.cde());
        options.printNotes(spec.commandLine().getErr(), now.notes());
        reportFile.write(spec, DiffWriter.write(diff, format));
        if (diff.changes().isEmpty()) {
            spec.commandLine().getErr().println("no connectivity differences");
        }
        if (diff.opensCde()) {
            spec.commandLine().getErr().println("the new manifests open access into the CDE (" + options.cde() + ")");
            return ExitCode.FINDINGS;
        }
        return ExitCode.OK;
    }
}
