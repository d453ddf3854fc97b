package org.pcisegment.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.pcisegment.core.analysis.ReachabilityAnalyzer;
import org.pcisegment.core.analysis.ReachabilityDiff;
import org.pcisegment.core.analysis.ReachabilityDiffer;
import org.pcisegment.core.analysis.format.DiffJsonWriter;
import org.pcisegment.core.analysis.format.DiffTextWriter;
import org.pcisegment.core.ir.RuleSet;
import org.pcisegment.core.load.PolicySetLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "diff",
        description = {
            "Show the flows a policy change adds and removes, CDE first: evidence for change control"
                    + " (PCI-DSS 1.2.2).",
            "",
            "Both versions are validated, compiled and analysed like 'analyze'; zones are matched by"
                    + " name. The exit code is 1 when the change opens new access into the CDE, so CI can"
                    + " require approval."
        },
        footer = {
            "",
            "Exit codes: 0 no new access into the CDE, 1 new access into the CDE (or a version does",
            "            not validate), 2 usage or input error.",
            "",
            "Example:",
            "  pci-segment diff --old old-policies/ --new policies/ --inventory inventory.yaml"
        })
final class DiffCommand implements Callable<Integer> {
    enum Format {
        text,
        json
    }

    @Spec
    CommandSpec spec;

    @Option(
            names = "--old",
            required = true,
            paramLabel = "PATH",
            description = "The old policy set: file, directory or glob. Repeatable.")
    List<String> old = new ArrayList<>();

    @Option(
            names = "--new",
            required = true,
            paramLabel = "PATH",
            description = "The new policy set: file, directory or glob. Repeatable.")
    List<String> now = new ArrayList<>();

    @Option(
            names = "--inventory",
            paramLabel = "FILE",
            description = "Inventory for both versions (kind: Inventory). Repeatable. Inventory documents"
                    + " inside --old or --new apply to that version only.")
    List<String> inventories = new ArrayList<>();

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write the output to FILE instead of standard output.")
    Optional<Path> output = Optional.empty();

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        Optional<RuleSet> before =
                CompiledInput.compile(PolicySetLoader.load(old, inventories), "diff", "the old ", err);
        Optional<RuleSet> after =
                CompiledInput.compile(PolicySetLoader.load(now, inventories), "diff", "the new ", err);
        if (before.isEmpty() || after.isEmpty()) {
            return ExitCode.FINDINGS;
        }
        ReachabilityDiff diff = ReachabilityDiffer.diff(
                ReachabilityAnalyzer.analyze(before.get()), ReachabilityAnalyzer.analyze(after.get()));
        String text = switch (format) {
            case text -> DiffTextWriter.write(diff);
            case json -> DiffJsonWriter.write(diff, Version.get());
        };
        OutputTarget.write(spec.commandLine().getOut(), output, text);
        return diff.opensCdeAccess() ? ExitCode.FINDINGS : ExitCode.OK;
    }
}
