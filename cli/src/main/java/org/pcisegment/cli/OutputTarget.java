package org.pcisegment.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.pcisegment.core.source.InputException;
import org.pcisegment.core.source.SourceSpan;

/** Writes command output to standard output or, with {@code -o}, to a file. */
final class OutputTarget {
    private OutputTarget() {}

    static void write(PrintWriter stdout, Optional<Path> file, String text) {
        if (file.isEmpty()) {
            stdout.print(text);
            stdout.flush();
            return;
        }
        Path target = file.get();
        try {
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new InputException(
                        SourceSpan.of(target.toString()), "output directory does not exist: " + parent);
            }
            Files.writeString(target, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(
                    SourceSpan.of(target.toString()), "cannot write the output file: " + e.getMessage());
        }
    }
}
