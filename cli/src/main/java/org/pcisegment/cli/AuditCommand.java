package org.pcisegment.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.pcisegment.audit.AuditLocation;
import org.pcisegment.audit.AuditReader;
import org.pcisegment.audit.AuditVerifier;
import org.pcisegment.audit.RecordFilter;
import org.pcisegment.audit.Syslog;
import org.pcisegment.audit.VerifyReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "audit",
        description = {
            "Verify, search and export the tamper-evident audit trail (PCI-DSS Requirement 10).",
            "",
            "Every policy change, enforcement start/stop/failure, denied flow, cloud change and segmentation"
                    + " test is a hash-chained ECS JSON line; signed checkpoints and a signed anchor kept beside"
                    + " the key make edits, deletions, reordering, insertions and truncation detectable."
        },
        subcommands = {
            AuditCommand.Verify.class,
            AuditCommand.Query.class,
            AuditCommand.Export.class,
            CommandLine.HelpCommand.class
        })
final class AuditCommand implements Runnable {
    /** How verify and query print: for people, or for machines. */
    enum Format {
        text,
        json
    }

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: verify, query or export");
    }

    @Command(
            name = "verify",
            description = {
                "Check the whole audit log: hash chain, sequence numbers across rotated and compressed files,"
                        + " checkpoint signatures, file seals, retention and the signed anchor.",
                "",
                "Reports the first altered, missing, reordered, inserted or truncated record with its file and"
                        + " line. Reads only: run it as any user who can read the log and the public key."
            },
            footer = {
                "",
                "Exit codes: 0 intact; 1 the log is broken (the first break is printed);",
                "            2 usage or input error (no log, no public key);",
                "            3 the log could not be read.",
                "",
                "Examples:",
                "  pci-segment audit verify",
                "  pci-segment audit verify --audit-dir /srv/audit --format json"
            })
    static final class Verify implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        HelpOption help;

        @Mixin
        AuditLocationOptions location;

        @Option(
                names = "--format",
                paramLabel = "FORMAT",
                description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        Format format = Format.text;

        @Override
        public Integer call() {
            VerifyReport report = AuditVerifier.verify(location.resolve());
            String text = format == Format.json ? report.json() : report.text();
            OutputTarget.write(spec.commandLine().getOut(), Optional.empty(), text);
            return report.intact() ? ExitCode.OK : ExitCode.FINDINGS;
        }
    }

    @Command(
            name = "query",
            description = {
                "List audit records by time and type, oldest first, from plain and compressed files.",
                "",
                "Does not verify the chain (run 'audit verify' for that); unreadable lines are skipped and"
                        + " counted on standard error."
            },
            footer = {
                "",
                "Exit codes: 0 done (also when nothing matched); 2 usage or input error;",
                "            3 the log could not be read.",
                "",
                "Examples:",
                "  pci-segment audit query --since 24h --type flow-denied",
                "  pci-segment audit query --since 2026-11-01 --until 2026-11-30 \\",
                "      --type policy --format json"
            })
    static final class Query implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        HelpOption help;

        @Mixin
        AuditLocationOptions location;

        @Mixin
        AuditFilterOptions filter;

        @Option(
                names = "--format",
                paramLabel = "FORMAT",
                description = "text: one line per event; json: the stored ECS records as JSON Lines"
                        + " (default: ${DEFAULT-VALUE}).")
        Format format = Format.text;

        @Option(
                names = {"-o", "--output"},
                paramLabel = "FILE",
                description = "Write to FILE instead of standard output.")
        Optional<Path> output = Optional.empty();

        @Override
        public Integer call() {
            printRecords(
                    spec,
                    location,
                    filter,
                    output,
                    stored -> format == Format.json ? stored.rawLine() : AuditReader.textLine(stored.event()));
            return ExitCode.OK;
        }
    }

    @Command(
            name = "export",
            description = {
                "Export audit records for a SIEM: JSON Lines (ECS field names, ingestible without mapping) or"
                        + " RFC 5424 syslog, to standard output, a file, or a collector.",
                "",
                "With --target, syslog messages go to HOST:PORT over TCP (octet counting, RFC 6587) or UDP (one"
                        + " message per datagram, RFC 5426): facility log-audit (13), MSGID the event action, MSG"
                        + " the ECS record."
            },
            footer = {
                "",
                "Exit codes: 0 every selected record written or sent;",
                "            2 usage or input error (bad flag, time or --target);",
                "            3 the collector could not be reached, or the log could not be read.",
                "",
                "Examples:",
                "  pci-segment audit export --format jsonl --since 7d -o audit-week.jsonl",
                "  pci-segment audit export --format syslog --target siem.example.com:514 \\",
                "      --protocol udp --type flow-denied --since 1h"
            })
    static final class Export implements Callable<Integer> {
        enum ExportFormat {
            jsonl,
            syslog
        }

        @Spec
        CommandSpec spec;

        @Mixin
        HelpOption help;

        @Mixin
        AuditLocationOptions location;

        @Mixin
        AuditFilterOptions filter;

        @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "${COMPLETION-CANDIDATES}.")
        ExportFormat format = ExportFormat.jsonl;

        @Option(
                names = "--target",
                paramLabel = "HOST:PORT",
                description = "Send syslog messages to this collector instead of printing them.")
        Optional<String> target = Optional.empty();

        @Option(
                names = "--protocol",
                paramLabel = "PROTOCOL",
                description = "Transport to the collector: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        Syslog.Transport protocol = Syslog.Transport.TCP;

        @Option(
                names = {"-o", "--output"},
                paramLabel = "FILE",
                description = "Write to FILE instead of standard output.")
        Optional<Path> output = Optional.empty();

        @Override
        public Integer call() {
            if (target.isPresent() && format != ExportFormat.syslog) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--target needs --format syslog");
            }
            if (target.isPresent() && output.isPresent()) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--target and --output exclude each other");
            }
            if (target.isEmpty()) {
                printRecords(
                        spec,
                        location,
                        filter,
                        output,
                        stored -> format == ExportFormat.syslog ? Syslog.format(stored) : stored.rawLine());
                return ExitCode.OK;
            }
            Syslog.Target collector = Syslog.Target.parse(target.get());
            RecordFilter selection = filter.filter();
            AuditReader.Summary summary = Syslog.send(location.resolve().directory(), selection, collector, protocol);
            spec.commandLine()
                    .getErr()
                    .println("[OK] " + summary.matched() + " record(s) sent to " + collector.host() + ":"
                            + collector.port() + " over " + protocol.lowerName());
            reportSkipped(spec, summary);
            return ExitCode.OK;
        }
    }

    /** Prints one line per selected record to standard output or the {@code -o} file. */
    private static void printRecords(
            CommandSpec spec,
            AuditLocationOptions location,
            AuditFilterOptions filter,
            Optional<Path> output,
            Function<AuditReader.StoredRecord, String> line) {
        RecordFilter selection = filter.filter();
        AuditLocation where = location.resolve();
        AuditReader.Summary summary;
        try (var out = OutputTarget.open(spec.commandLine().getOut(), output)) {
            summary = AuditReader.read(where.directory(), selection, stored -> out.println(line.apply(stored)));
            OutputTarget.checkWritten(out, output);
        }
        reportSkipped(spec, summary);
    }

    private static void reportSkipped(CommandSpec spec, AuditReader.Summary summary) {
        if (summary.skipped() > 0) {
            spec.commandLine()
                    .getErr()
                    .println("warning: " + summary.skipped() + " unreadable line(s) skipped;"
                            + " run 'pci-segment audit verify'");
        }
        spec.commandLine().getErr().flush();
    }
}
