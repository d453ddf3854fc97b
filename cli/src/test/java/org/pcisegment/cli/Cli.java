package org.pcisegment.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.pcisegment.audit.AuditRecord;
import org.pcisegment.audit.EventJson;
import picocli.CommandLine;

/** Runs the CLI in-process, optionally with the enforcement backends replaced, and captures it. */
final class Cli {
    /** Exit code and the two output streams of one run. */
    record Result(int code, String out, String err) {}

    private Cli() {}

    static Result run(String... args) {
        return run(EnforcerSource.DEFAULT, args);
    }

    /** Runs with {@code enforcers} giving the backends of enforce, status and disable. */
    static Result run(EnforcerSource enforcers, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), factory(enforcers));
        return new Result(code, out.toString(), err.toString());
    }

    private static CommandLine.IFactory factory(EnforcerSource enforcers) {
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == EnforceCommand.class) {
                    return type.cast(new EnforceCommand(enforcers));
                }
                if (type == StatusCommand.class) {
                    return type.cast(new StatusCommand(enforcers));
                }
                if (type == DisableCommand.class) {
                    return type.cast(new DisableCommand(enforcers));
                }
                return CommandLine.defaultFactory().create(type);
            }
        };
    }

    /** The event.action of every record in an audit log directory, in order. */
    static List<String> auditActions(Path directory) {
        List<String> actions = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    AuditRecord record = EventJson.parse(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    actions.add(record.event().action().actionName());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (EventJson.MalformedRecordException e) {
            throw new IllegalStateException("unreadable audit record", e);
        }
        return actions;
    }
}
