package org.pcisegment.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.pcisegment.core.analysis.Reachability;
import org.pcisegment.core.analysis.ReachabilityAnalyzer;
import org.pcisegment.core.analysis.format.DiagramWriter;
import org.pcisegment.core.analysis.format.ReachabilityCsvWriter;
import org.pcisegment.core.analysis.format.ReachabilityJsonWriter;
import org.pcisegment.core.analysis.format.ReachabilityTextWriter;
import org.pcisegment.core.ir.RuleSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "analyze",
        description = {
            "Show what can reach what: the protocols and ports open between every zone.",
            "",
            "Zones are the inventory workloads, grouped as CDE (pci-env: cde) and non-CDE, and the"
                    + " outside world (every address not in the inventory). Flows into, out of and within"
                    + " the CDE come first, then what the outside world reaches. Mermaid and DOT draw the"
                    + " network diagram (PCI-DSS 1.2.3) or, with --diagram cde, the CDE data-flow diagram"
                    + " (1.2.4). The policy set must validate: invalid sets are refused with their errors."
        },
        footer = {
            "",
            "Exit codes: 0 analysed, 1 the policy set does not validate, 2 usage or input error.",
            "",
            "Examples:",
            "  pci-segment analyze -f 'examples/policies/cde-*.yaml' --inventory examples/inventory.yaml",
            "  pci-segment analyze -f policies/ --inventory inventory.yaml --format mermaid --diagram cde"
        })
final class AnalyzeCommand implements Callable<Integer> {
    enum Format {
        text,
        json,
        csv,
        mermaid,
        dot
    }

    enum Diagram {
        network,
        cde
    }

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    @Option(
            names = "--diagram",
            paramLabel = "KIND",
            description = "For mermaid and dot: network (every zone) or cde (CDE data flows only)"
                    + " (default: ${DEFAULT-VALUE}).")
    Diagram diagram = Diagram.network;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write the output to FILE instead of standard output.")
    Optional<Path> output = Optional.empty();

    @Override
    public Integer call() {
        Optional<RuleSet> ruleSet = CompiledInput.compile(
                input.load(), "analyze", "the ", spec.commandLine().getErr());
        if (ruleSet.isEmpty()) {
            return ExitCode.FINDINGS;
        }
        if (format == Format.json) {
            ruleSet.get().hashInBackground(); // the JSON names the rule set by its hash
        }
        Reachability reachability = ReachabilityAnalyzer.analyze(ruleSet.get());
        DiagramWriter.Kind kind = diagram == Diagram.cde ? DiagramWriter.Kind.CDE : DiagramWriter.Kind.NETWORK;
        try (PrintWriter out = OutputTarget.open(spec.commandLine().getOut(), output)) {
            switch (format) {
                // streamed: the JSON report of a large inventory is tens of megabytes
                case json -> ReachabilityJsonWriter.write(reachability, Version.get(), out);
                case text -> out.print(ReachabilityTextWriter.write(reachability));
                case csv -> out.print(ReachabilityCsvWriter.write(reachability));
                case mermaid -> out.print(DiagramWriter.mermaid(reachability, kind));
                case dot -> out.print(DiagramWriter.dot(reachability, kind));
            }
            OutputTarget.checkWritten(out, output);
        }
        return ExitCode.OK;
    }
}
