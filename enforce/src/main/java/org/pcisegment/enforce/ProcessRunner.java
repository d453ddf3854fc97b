package org.pcisegment.enforce;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs an external command (pfctl, nft) and collects its output. Backends take one so that tests
 * can check the exact argument lists on machines where the command does not exist.
 */
@FunctionalInterface
public interface ProcessRunner {

    /** The exit code and the output of one command. */
    record Result(int exitCode, String stdout, String stderr) {
        public boolean succeeded() {
            return exitCode == 0;
        }

        /** Standard error, or standard output when error is empty: what to show on failure. */
        public String message() {
            String text = stderr.isBlank() ? stdout : stderr;
            return text.strip();
        }
    }

    /**
     * Runs {@code command} with {@code stdin} as standard input and waits for it.
     *
     * @throws UncheckedIOException when the command cannot be started (not installed, not executable)
     */
    Result run(List<String> command, String stdin);

    /** The runner that starts real processes. */
    static ProcessRunner system() {
        return (command, stdin) -> {
            Process process;
            try {
                process = new ProcessBuilder(command).start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run " + command.getFirst() + ": " + e.getMessage(), e);
            }
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // The command exited without reading its input; its exit code and output say why.
            }
            try {
                int code = process.waitFor();
                return new Result(code, out.join(), err.join());
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + command.getFirst(), e);
            }
        };
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
