package org.pcisegment.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code -o DIR} of the commands that write a directory of generated files. */
public final class OutputDirectoryOption {
    @Option(
            names = {"-o", "--output"},
            paramLabel = "DIR",
            required = true,
            description = "Directory for the generated files (created if missing).")
    Path directory = Path.of(""); // required: picocli always sets it

    Path directory() {
        return directory;
    }
}
