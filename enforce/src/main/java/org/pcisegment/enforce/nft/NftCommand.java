package org.pcisegment.enforce.nft;

import java.io.UncheckedIOException;
import java.util.List;
import org.pcisegment.enforce.ProcessRunner;

/**
 * Runs commands through the {@code nft} program ({@code nft -f -}): the fallback when libnftables
 * cannot be loaded. One invocation is one batch, so atomicity is the same.
 */
final class NftCommand implements NftClient {
    private final ProcessRunner runner;
    private final String program;

    NftCommand(ProcessRunner runner, String program) {
        this.runner = runner;
        this.program = program;
    }

    @Override
    public String describe() {
        return program + " -f";
    }

    @Override
    public String run(String commands, Output output) {
        List<String> command = switch (output) {
            case TEXT -> List.of(program, "-f", "-");
            case TERSE_TEXT -> List.of(program, "-t", "-f", "-");
            case JSON -> List.of(program, "-j", "-f", "-");
        };
        return invoke(command, commands);
    }

    @Override
    public void check(String commands) {
        invoke(List.of(program, "-c", "-f", "-"), commands);
    }

    private String invoke(List<String> command, String commands) {
        ProcessRunner.Result result;
        try {
            result = runner.run(command, commands);
        } catch (UncheckedIOException e) {
            throw new NftException("cannot run " + program + ": " + e.getMessage(), e);
        }
        if (!result.succeeded()) {
            throw new NftException(
                    result.message().isEmpty() ? program + " exited with " + result.exitCode() : result.message());
        }
        return result.stdout();
    }
}
