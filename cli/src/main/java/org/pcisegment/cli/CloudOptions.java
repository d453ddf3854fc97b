package org.pcisegment.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.pcisegment.cloud.CloudConfig;
import org.pcisegment.cloud.CloudConfigLoader;
import org.pcisegment.core.load.PolicySet;
import org.pcisegment.core.pci.ValidationOptions;
import org.pcisegment.core.pci.ValidationResult;
import org.pcisegment.core.pci.Validator;
import org.pcisegment.core.pci.format.ValidationTextWriter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The inputs every cloud command shares: the policies ({@code -f}, {@code --inventory}) and the
 * cloud config ({@code -c}). Only valid policy sets reach the cloud: one with error findings is
 * reported and refused.
 */
public final class CloudOptions {
    @Mixin
    InputOptions input;

    @Mixin
    HelpOption help;

    @Option(
            names = {"-c", "--cloud-config"},
            paramLabel = "FILE",
            required = true,
            description =
                    "Cloud configuration (kind: CloudConfig): provider, scope, tags, naming. See examples/cloud/.")
    String cloudConfig = "";

    /** What was loaded: a valid policy set and the cloud config. */
    record Inputs(PolicySet policies, CloudConfig config) {}

    /** The inputs, or empty after printing the findings of a policy set with errors. */
    Optional<Inputs> load(PrintWriter err) {
        PolicySet policies = input.load();
        CloudConfig config = CloudConfigLoader.load(Path.of(cloudConfig));
        ValidationResult validation = Validator.validate(policies, ValidationOptions.DEFAULTS);
        if (!validation.isValid()) {
            err.print(ValidationTextWriter.write(validation, false));
            err.println("error: the policy set has errors; nothing was sent to the cloud");
            err.flush();
            return Optional.empty();
        }
        return Optional.of(new Inputs(policies, config));
    }
}
