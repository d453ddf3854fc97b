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
        try (PrintWriter out = open(stdout, file)) {
            out.print(text);
            checkWritten(out, file);
        }
    }

    /** PrintWriter keeps write errors to itself: turn one into the same error as a failed open. */
    static void checkWritten(PrintWriter out, Optional<Path> file) {
        if (out.checkError() && file.isPresent()) {
            throw new InputException(
                    SourceSpan.of(file.get().toString()), "cannot write the output file (disk full, or removed?)");
        }
    }

    /**
     * A writer for output too large to build as one string (audit queries and exports): standard
     * output, or the file. Closing it flushes standard output and closes the file.
     */
    static PrintWriter open(PrintWriter stdout, Optional<Path> file) {
        if (file.isEmpty()) {
            return new PrintWriter(stdout) {
                @Override
                public void close() {
                    flush();
                }
            };
        }
        Path target = file.get();
        try {
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new InputException(
                        SourceSpan.of(target.toString()), "output directory does not exist: " + parent);
            }
            return new PrintWriter(Files.newBufferedWriter(target, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InputException(
                    SourceSpan.of(target.toString()), "cannot write the output file: " + e.getMessage());
        }
    }
}
