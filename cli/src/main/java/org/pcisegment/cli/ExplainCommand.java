package org.pcisegment.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.pcisegment.core.analysis.format.ExplainJsonWriter;
import org.pcisegment.core.analysis.format.ExplainTextWriter;
import org.pcisegment.core.ir.Flow;
import org.pcisegment.core.ir.RuleSet;
import org.pcisegment.core.ir.Verdict;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.Protocol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "explain",
        description = {
            "Explain the verdict on one flow: ALLOW or DENY, and why.",
            "",
            "A flow between two inventory workloads needs the source's egress and the destination's"
                    + " ingress; an address outside the inventory is unconstrained on its own side. For an"
                    + " allowed flow every rule that admits it is cited with file:line; for a denial, the"
                    + " side that refuses it and the policies that restrict that side."
        },
        footer = {
            "",
            "Exit codes: 0 explained (allowed or denied), 1 the policy set does not validate,",
            "            2 usage or input error.",
            "",
            "Example:",
            "  pci-segment explain -f 'examples/policies/cde-*.yaml' --inventory examples/inventory.yaml \\",
            "      --from 10.0.2.10 --to 10.0.1.10 --port 443"
        })
final class ExplainCommand implements Callable<Integer> {
    enum Format {
        text,
        json
    }

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Option(names = "--from", required = true, paramLabel = "ADDR", description = "Source IPv4 or IPv6 address.")
    String from = "";

    @Option(names = "--to", required = true, paramLabel = "ADDR", description = "Destination IPv4 or IPv6 address.")
    String to = "";

    @Option(names = "--port", required = true, paramLabel = "N", description = "Destination port, 1-65535.")
    int port;

    @Option(names = "--protocol", paramLabel = "PROTO", description = "tcp, udp or sctp (default: ${DEFAULT-VALUE}).")
    String protocol = "tcp";

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
        Flow flow = flow();
        Optional<RuleSet> ruleSet = CompiledInput.compile(
                input.load(), "explain", "the ", spec.commandLine().getErr());
        if (ruleSet.isEmpty()) {
            return ExitCode.FINDINGS;
        }
        Verdict verdict = ruleSet.get().explain(flow);
        String text = switch (format) {
            case text -> ExplainTextWriter.write(verdict);
            case json -> ExplainJsonWriter.write(verdict, Version.get());
        };
        OutputTarget.write(spec.commandLine().getOut(), output, text);
        return ExitCode.OK;
    }

    /** The flow the flags describe, checked before any file is read. */
    private Flow flow() {
        IpAddress source = address("--from", from);
        IpAddress destination = address("--to", to);
        if (source.family() != destination.family()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--from " + from + " and --to " + to + " are of different address families; a packet has one");
        }
        if (port < PortSet.MIN_PORT || port > PortSet.MAX_PORT) {
            throw new ParameterException(spec.commandLine(), "--port must be within 1-65535, got " + port);
        }
        Protocol parsed = Protocol.parseLenient(protocol)
                .orElseThrow(() -> new ParameterException(
                        spec.commandLine(), "--protocol must be tcp, udp or sctp, got '" + protocol + "'"));
        return new Flow(source, destination, parsed, port);
    }

    private IpAddress address(String option, String text) {
        return IpAddress.parse(text)
                .orElseThrow(() -> new ParameterException(
                        spec.commandLine(), option + " '" + text + "' is not an IPv4 or IPv6 address"));
    }
}
