package org.pcisegment.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.pcisegment.cloud.TerraformExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "cloud-export",
        description = {
            "Export the cloud groups the policies ask for as Terraform (HCL), for GitOps.",
            "",
            "The same security groups / NSGs and rules cloud-sync would create, one per policy (Azure rule"
                    + " priorities as a first sync allocates them). Needs no cloud access. Attachments to"
                    + " instances follow live tags and are not exported."
        },
        footer = {
            "",
            "Exit codes: 0 written, 1 policy errors, 2 usage or input error.",
            "",
            "Example:",
            "  pci-segment cloud-export -f examples/policies/cde-app.yaml \\",
            "      --inventory examples/inventory.yaml \\",
            "      -c examples/cloud/aws-config.yaml -o cde.tf"
        })
final class CloudExportCommand implements Callable<Integer> {
    enum Format {
        terraform
    }

    @Spec
    CommandSpec spec;

    @Mixin
    CloudOptions cloud;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.terraform;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write to FILE instead of standard output.")
    Optional<Path> output = Optional.empty();

    @Override
    public Integer call() {
        var inputs = cloud.load(spec.commandLine().getErr());
        if (inputs.isEmpty()) {
            return ExitCode.FINDINGS;
        }
        String text = switch (format) {
            case terraform ->
                TerraformExport.write(inputs.get().policies(), inputs.get().config());
        };
        OutputTarget.write(spec.commandLine().getOut(), output, text);
        return ExitCode.OK;
    }
}
