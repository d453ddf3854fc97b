package org.pcisegment.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code -o FILE}: where a report goes instead of standard output. */
final class ReportFile {
    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write the report to FILE instead of standard output.")
    Optional<Path> output = Optional.empty();

    void write(CommandSpec spec, String report) {
        OutputTarget.write(spec.commandLine().getOut(), output, report);
    }
}
