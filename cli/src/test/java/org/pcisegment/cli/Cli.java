package org.pcisegment.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.pcisegment.audit.AuditRecord;
import org.pcisegment.audit.EventJson;
import picocli.CommandLine;

/**
 * Runs the command line in-process, as {@code pci-segment ARGS} would, capturing both streams;
 * optionally with the enforcement backends replaced.
 */
record Cli(int exitCode, String out, String err) {

    static Cli run(String... args) {
        return run(EnforcerSource.DEFAULT, args);
    }

    /** Runs with {@code enforcers} giving the backends of enforce, status and disable. */
    static Cli run(EnforcerSource enforcers, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), factory(enforcers));
        return new Cli(code, out.toString(), err.toString());
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

    /** Signs that a stack trace or an internal error reached the user. */
    boolean showsAStackTrace() {
        String all = out + err;
        return all.contains("\tat ")
                || all.contains("Exception")
                || all.contains("internal error")
                || all.contains("Caused by:");
    }

    /** The output with this build's version replaced, so golden files survive a release. */
    String outWithoutVersion() {
        return out.replace(Version.get(), "${VERSION}");
    }

    /** The event.action of every record in an audit log directory, in order. */
    static List<String> auditActions(Path directory) {
        List<String> actions = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    AuditRecord record = EventJson.parse(line.getBytes(StandardCharsets.UTF_8));
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
