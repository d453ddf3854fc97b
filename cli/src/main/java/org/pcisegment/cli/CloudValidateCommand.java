package org.pcisegment.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.pcisegment.cloud.CloudProvider;
import org.pcisegment.cloud.CloudProviders;
import org.pcisegment.cloud.CloudReport;
import org.pcisegment.cloud.CloudReportWriter;
import org.pcisegment.cloud.CloudState;
import org.pcisegment.cloud.CloudValidator;
import org.pcisegment.cloud.DesiredStateBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "cloud-validate",
        description = {
            "Validate cloud security groups / NSGs against the policies and PCI-DSS v4.0.",
            "",
            "Reads the real state and reports drift from the policies (missing, extra and changed rules,"
                    + " missing groups and attachments: Req 1.2.8), CDE instances open to 0.0.0.0/0 or ::/0"
                    + " (1.3.1), unrestricted egress from CDE instances (1.3.2), CDE instances without a managed"
                    + " group (1.3.1) and unmanaged groups on CDE instances (1.2.1). Changes nothing."
        },
        footer = {
            "",
            "Exit codes: 0 compliant, 1 non-compliant or policy errors,",
            "            2 usage or input error, 3 the cloud could not be read.",
            "",
            "Examples:",
            "  pci-segment cloud-validate -f examples/policies/cde-app.yaml \\",
            "      --inventory examples/inventory.yaml \\",
            "      -c examples/cloud/aws-config.yaml --format json"
        })
final class CloudValidateCommand implements Callable<Integer> {
    enum Format {
        text,
        json
    }

    @Spec
    CommandSpec spec;

    @Mixin
    CloudOptions cloud;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write the report to FILE instead of standard output.")
    Optional<Path> output = Optional.empty();

    @Override
    public Integer call() {
        var inputs = cloud.load(spec.commandLine().getErr());
        if (inputs.isEmpty()) {
            return ExitCode.FINDINGS;
        }
        var policies = inputs.get().policies();
        var config = inputs.get().config();
        CloudReport report;
        try (CloudProvider provider = CloudProviders.open(config)) {
            CloudState state;
            try {
                state = provider.read();
            } catch (RuntimeException e) {
                return CloudCommands.failed(
                        spec.commandLine().getErr(), "cannot read the cloud state of " + config.scope(), e);
            }
            report = CloudValidator.validate(
                    config, policies.shortHash(), DesiredStateBuilder.build(policies), state, provider.rules());
        }
        String text = switch (format) {
            case text -> CloudReportWriter.text(report);
            case json -> CloudReportWriter.json(report, Version.get());
        };
        OutputTarget.write(spec.commandLine().getOut(), output, text);
        return report.compliant() ? ExitCode.OK : ExitCode.FINDINGS;
    }
}
