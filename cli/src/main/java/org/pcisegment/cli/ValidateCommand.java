package org.pcisegment.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.pcisegment.core.load.PolicySet;
import org.pcisegment.core.pci.ValidationOptions;
import org.pcisegment.core.pci.ValidationResult;
import org.pcisegment.core.pci.Validator;
import org.pcisegment.core.pci.format.SarifWriter;
import org.pcisegment.core.pci.format.ValidationJsonWriter;
import org.pcisegment.core.pci.format.ValidationTextWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "validate",
        description = {
            "Validate policies against PCI-DSS v4.0 Requirement 1.",
            "",
            "Checks schema (apiVersion, kind, names, CIDRs, ports, protocols), CDE scope (pci-env: cde"
                    + " selection, unprotected CDE workloads), inbound (1.3.1) and outbound (1.3.2) CDE"
                    + " traffic, necessary services (1.2.5), insecure services (1.2.6) and pci-dss"
                    + " citations. Give --inventory to check against real workloads."
        },
        footer = {
            "",
            "Exit codes: 0 valid, 1 findings of error severity, 2 usage or input error.",
            "",
            "Examples:",
            "  pci-segment validate -f examples/policies/cde-isolation.yaml",
            "  pci-segment validate -f examples/policies \\",
            "      --inventory examples/inventory.yaml -v",
            "  pci-segment validate -f 'policies/*.yaml' --format sarif -o results.sarif"
        })
final class ValidateCommand implements Callable<Integer> {
    enum Format {
        text,
        json,
        sarif
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
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write the output to FILE instead of standard output.")
    Optional<Path> output = Optional.empty();

    @Option(
            names = {"-v", "--verbose"},
            description = "List warnings in full, with remediation for every finding.")
    boolean verbose;

    @Option(
            names = "--max-port-range",
            paramLabel = "N",
            description = "Widest port range a CDE rule may open before it is reported (default: 100).")
    int maxPortRange = ValidationOptions.DEFAULTS.maxPortRange();

    @Override
    public Integer call() {
        if (maxPortRange < 1 || maxPortRange > 65535) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--max-port-range must be within 1-65535, got " + maxPortRange);
        }
        PolicySet policySet = input.load();
        ValidationResult result = Validator.validate(policySet, new ValidationOptions(maxPortRange));
        String text = switch (format) {
            case text -> ValidationTextWriter.write(result, verbose);
            case json -> ValidationJsonWriter.write(result, Version.get());
            case sarif -> SarifWriter.write(result, Version.get());
        };
        OutputTarget.write(spec.commandLine().getOut(), output, text);
        return result.isValid() ? ExitCode.OK : ExitCode.FINDINGS;
    }
}
