package org.pcisegment.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.pcisegment.audit.AuditLocation;
import org.pcisegment.audit.RecordFilter;
import org.pcisegment.core.load.PolicySet;
import org.pcisegment.core.source.InputException;
import org.pcisegment.core.source.SourceSpan;
import org.pcisegment.report.ComplianceReport;
import org.pcisegment.report.PreviousReport;
import org.pcisegment.report.ReportAssembler;
import org.pcisegment.report.ReportFormat;
import org.pcisegment.report.ReportType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "report",
        description = {
            "Generate an auditor-ready PCI-DSS v4.0 compliance report (HTML, JSON or PDF).",
            "",
            "Every figure comes from the inputs: the policies and inventory (validated, compiled and"
                    + " analysed), the audit log (events in the period, policy change history,"
                    + " integrity) and the control catalogue. The audit log is read only when named"
                    + " (--audit-dir or $PCI_SEGMENT_AUDIT_DIR); without it the audit-based"
                    + " requirements are reported as not assessed."
        },
        footer = {
            "",
            "Exit codes: 0 compliant, 1 non-compliant (the report is written either way),",
            "            2 usage or input error.",
            "",
            "Examples:",
            "  pci-segment report -f examples/policies --inventory examples/inventory.yaml -o report.html",
            "  pci-segment report -f policies/ --inventory inv.yaml --audit-dir /var/log/pci-segment \\",
            "      --since 2026-08-01 -o q3.pdf",
            "  pci-segment report -f policies/ --inventory inv.yaml --previous q2.json -o q3.json"
        })
final class ReportCommand implements Callable<Integer> {
    /** The names {@code --format} takes; each is a {@link ReportFormat}. */
    enum Format {
        html,
        json,
        pdf;

        ReportFormat reportFormat() {
            return ReportFormat.valueOf(name().toUpperCase(Locale.ROOT));
        }
    }

    enum Type {
        full,
        inventory,
        network_access,
        policy_audit
    }

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "FILE",
            description = "The report file to write.")
    Path output = Path.of("report.html");

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "html, json or pdf (default: from the extension of -o, else html).")
    Optional<Format> format = Optional.empty();

    @Option(
            names = "--type",
            paramLabel = "TYPE",
            converter = TypeConverter.class,
            description = "full, inventory, network-access or policy-audit (default: full).")
    Type type = Type.full;

    /** --audit-dir and --audit-key-dir, shared with the audit commands. */
    @Mixin
    AuditLocationOptions auditLocation;

    @Option(
            names = "--since",
            paramLabel = "TIME",
            description =
                    "Start of the period: ISO time, date, or age such as 30d (default: 90 days" + " before --until).")
    Optional<String> since = Optional.empty();

    @Option(
            names = "--until",
            paramLabel = "TIME",
            description = "End of the period: ISO time, date (the whole day) or age (default: now).")
    Optional<String> until = Optional.empty();

    @Option(
            names = "--previous",
            paramLabel = "PATH",
            description = "An earlier JSON report, or the earlier policies (file, directory or glob) to"
                    + " list what changed since.")
    Optional<String> previous = Optional.empty();

    @Option(
            names = "--now",
            paramLabel = "INSTANT",
            hidden = true,
            description = "Generate as if at this ISO instant (reproducible reports and tests).")
    Optional<Instant> fixedNow = Optional.empty();

    static final class TypeConverter implements picocli.CommandLine.ITypeConverter<Type> {
        @Override
        public Type convert(String value) {
            return Type.valueOf(value.toLowerCase(Locale.ROOT).replace('-', '_'));
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PolicySet policySet = input.load();
        out.println("[OK] Loaded " + policySet.policies().size() + " polic(ies)");
        ReportFormat chosen = format.map(Format::reportFormat)
                .orElseGet(() ->
                        ReportFormat.ofFileName(output.getFileName().toString()).orElse(ReportFormat.HTML));
        out.println();
        out.println("[GENERATING] " + chosen.extension() + " compliance report...");
        out.flush();
        Instant now = fixedNow.orElseGet(() -> Clock.systemUTC().instant()).truncatedTo(ChronoUnit.SECONDS);
        RecordFilter window = RecordFilter.parse(since, until, List.of(), now);
        // Read only when named (flag or variable): a default log of this machine must not slip
        // figures into a report on other inputs.
        Optional<AuditLocation> audit =
                auditLocation.directory.isPresent() || System.getenv(AuditLocation.DIRECTORY_VARIABLE) != null
                        ? Optional.of(auditLocation.resolve())
                        : Optional.empty();
        ComplianceReport report = ReportAssembler.assemble(new ReportAssembler.Request(
                policySet,
                audit,
                window.since(),
                window.until(),
                previous.map(this::previous),
                ReportType.valueOf(type.name().toUpperCase(Locale.ROOT)),
                Version.get(),
                now));
        write(report, chosen);
        out.println("[OK] Report generated: " + output);
        out.println();
        ComplianceReport.Summary summary = report.summary();
        out.println("[REPORT SUMMARY]");
        out.println("   Status: " + summary.status());
        out.println("   Policies: " + summary.policies());
        out.println("   CDE Servers: " + summary.cdeWorkloads());
        out.println("   Blocked Events: "
                + summary.blockedEvents().map(String::valueOf).orElse("n/a (no audit log)"));
        out.println("   Allowed Events: "
                + summary.allowedEvents().map(String::valueOf).orElse("n/a (no audit log)"));
        out.println("   Findings: " + summary.findingsBySeverity().getOrDefault("error", 0L) + " error(s), "
                + summary.findingsBySeverity().getOrDefault("warning", 0L) + " warning(s)");
        out.println("   Flows into / out of CDE: "
                + summary.flowsIntoCde().map(String::valueOf).orElse("n/a") + " / "
                + summary.flowsOutOfCde().map(String::valueOf).orElse("n/a"));
        out.println("   Audit Log: " + summary.auditIntegrity());
        out.println("   Requirements: " + summary.requirementsByStatus().getOrDefault("evidenced", 0L)
                + " evidenced, " + summary.requirementsByStatus().getOrDefault("finding", 0L) + " with findings, "
                + summary.requirementsByStatus().getOrDefault("not-assessed", 0L) + " not assessed");
        out.println("   Period: " + report.meta().period().since() + " to "
                + report.meta().period().until());
        out.println("   Policy Set: " + report.meta().policySetSha256().substring(0, 12));
        out.flush();
        return summary.compliant() ? ExitCode.OK : ExitCode.FINDINGS;
    }

    private ReportAssembler.Previous previous(String path) {
        Path file = Path.of(path);
        if (PreviousReport.isReport(file)) {
            return new ReportAssembler.Previous.Report(file);
        }
        return new ReportAssembler.Previous.Policies(List.of(path), input.inventories);
    }

    private void write(ComplianceReport report, ReportFormat chosen) {
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new InputException(SourceSpan.of(output.toString()), "output directory does not exist: " + parent);
        }
        try {
            Files.write(output, chosen.render(report));
        } catch (IOException e) {
            throw new InputException(SourceSpan.of(output.toString()), "cannot write the report: " + e.getMessage());
        }
    }
}
