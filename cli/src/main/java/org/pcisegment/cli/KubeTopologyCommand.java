package org.pcisegment.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.pcisegment.core.pci.Finding;
import org.pcisegment.core.pci.format.ValidationTextWriter;
import org.pcisegment.kube.topology.PciExceptions;
import org.pcisegment.kube.topology.StackTopology;
import org.pcisegment.kube.topology.TopologyGenerator;
import org.pcisegment.kube.topology.TopologyParser;
import org.pcisegment.kube.topology.TopologyResult;
import org.pcisegment.kube.topology.TopologyWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "topology",
        description = {
            "Generate PCI strict-mode NetworkPolicies from a stack topology: default-deny ingress"
                    + " and egress in every namespace, an egress rule at A and an ingress rule at B for every"
                    + " link A -> B on B's ports, pods of a namespace talking on its components' ports, DNS and"
                    + " Kubernetes API egress, per component-type exceptions with explicit ports, and an"
                    + " explicit internet allowlist. allow_all exceptions are refused with a finding.",
            "",
            "Writes one NetworkPolicy per file, networkpolicy-manifest.yaml (each policy's purpose and"
                    + " PCI-DSS requirements) and network-diagram.md (a Mermaid diagram of the allowed flows)."
        },
        footer = {
            "",
            "Exit codes: 0 generated, 1 generated but exceptions were refused, 2 usage or input error.",
            "",
            "Example:",
            "  pci-segment kube topology -f examples/kube/stack.yaml \\",
            "      --exceptions examples/kube/pci-exceptions.yaml -o out/"
        })
final class KubeTopologyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = {"-f", "--file"},
            paramLabel = "STACK.yaml",
            required = true,
            description = "The stack topology (kind: StackTopology).")
    Path stackFile = Path.of(""); // required: picocli always sets it

    @Option(
            names = "--exceptions",
            paramLabel = "EXC.yaml",
            description = "The exceptions file (kind: PciExceptions). Without it: DNS and API server egress only.")
    Optional<Path> exceptionsFile = Optional.empty();

    @Mixin
    OutputDirectoryOption output;

    @Option(
            names = {"-v", "--verbose"},
            description = "Show the remediation of every finding.")
    boolean verbose;

    @Override
    public Integer call() {
        PciExceptions exceptions =
                exceptionsFile.map(TopologyParser::exceptions).orElseGet(PciExceptions::defaults);
        StackTopology stack = TopologyParser.stack(stackFile, exceptions.wellKnownPorts());
        TopologyResult result = TopologyGenerator.generate(stack, exceptions);
        List<Path> written = TopologyWriter.write(result, output.directory());
        PrintWriter out = spec.commandLine().getOut();
        out.println("Stack " + stack.name() + ": " + stack.components().size() + " components in "
                + stack.namespaces().size() + " namespaces, " + stack.links().size() + " links");
        out.println("Wrote " + result.policies().size() + " NetworkPolicies, " + TopologyWriter.MANIFEST + " and "
                + TopologyWriter.DIAGRAM + " to " + output.directory() + " (" + written.size() + " files)");
        if (!result.findings().isEmpty()) {
            StringBuilder text = new StringBuilder("Refused exceptions:\n");
            result.findings().forEach(f -> ValidationTextWriter.appendFinding(text, f, verbose));
            out.print(text);
        }
        out.flush();
        return result.findings().stream().anyMatch(Finding::isError) ? ExitCode.FINDINGS : ExitCode.OK;
    }
}
