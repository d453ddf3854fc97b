package org.pcisegment.report.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.pcisegment.report.ComplianceReport;
import org.pcisegment.report.ComplianceReport.AllowEntry;
import org.pcisegment.report.ComplianceReport.DirectionControl;
import org.pcisegment.report.ComplianceReport.FindingEntry;
import org.pcisegment.report.ComplianceReport.PolicyEntry;
import org.pcisegment.report.ComplianceReport.RequirementResult;
import org.pcisegment.report.ComplianceReport.Summary;
import org.pcisegment.report.ComplianceReport.WorkloadEntry;
import org.pcisegment.report.NetworkView;
import org.pcisegment.report.ReportType.Section;
import org.pcisegment.report.Status;
import org.pcisegment.report.trail.AuditTrailEvidence;
import org.pcisegment.report.trail.ControlFailure;
import org.pcisegment.report.trail.PolicyChange;
import org.pcisegment.report.trail.SegmentationTestRun;

/**
 * Lays a report out as one self-contained HTML file: styles, script, fonts and diagrams are inline,
 * nothing is fetched. The markup is well-formed XHTML, so the PDF writer renders the very same page.
 * Tables have captions and header cells with scope for screen readers.
 */
public final class HtmlReportWriter {
    /** Where the page will be read. */
    public enum Flavour {
        /** A browser: fonts inline as a subset, table of contents, the requirements filter script. */
        SCREEN,
        /** The PDF renderer: fonts are registered with it, no script. */
        PDF
    }

    private static final String NOT_AVAILABLE = "n/a";

    private final ComplianceReport report;
    private final Flavour flavour;
    private final Markup html = new Markup();

    private HtmlReportWriter(ComplianceReport report, Flavour flavour) {
        this.report = report;
        this.flavour = flavour;
    }

    public static String write(ComplianceReport report) {
        return write(report, Flavour.SCREEN);
    }

    public static String write(ComplianceReport report, Flavour flavour) {
        return new HtmlReportWriter(report, flavour).document();
    }

    private String document() {
        body();
        String body = html.toString();
        String css = resource("report.css");
        Markup page = new Markup();
        page.raw("<!DOCTYPE html>\n");
        page.open("html", "lang", "en", "xmlns", "http://www.w3.org/1999/xhtml").newline();
        page.open("head").newline();
        page.empty("meta", "charset", "utf-8").newline();
        page.empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1")
                .newline();
        page.empty(
                        "meta",
                        "name",
                        "generator",
                        "content",
                        "pci-segment " + report.meta().toolVersion())
                .newline();
        page.element("title", title()).newline();
        page.open("style").newline();
        if (flavour == Flavour.SCREEN) {
            page.raw(fontFaces(body + title())).newline();
        }
        page.raw(css).close("style").newline();
        page.close("head").newline();
        page.open("body").newline().raw(body);
        if (flavour == Flavour.SCREEN) {
            page.open("script")
                    .newline()
                    .raw(resource("report.js"))
                    .close("script")
                    .newline();
        }
        page.close("body").newline().close("html").newline();
        return page.toString();
    }

    private String title() {
        return report.meta().type().title() + " - " + report.summary().status();
    }

    private static String fontFaces(String text) {
        StringBuilder css = new StringBuilder();
        for (ReportFonts.Face face : ReportFonts.Face.values()) {
            css.append("@font-face { font-family: \"")
                    .append(face.family())
                    .append("\"; font-weight: ")
                    .append(face.weight())
                    .append("; font-style: normal; src: url(data:font/ttf;base64,")
                    .append(Base64.getEncoder().encodeToString(ReportFonts.subset(face, text)))
                    .append(") format(\"truetype\"); }\n");
        }
        return css.toString();
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReportWriter.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- the page ---------------------------------------------------------------------------

    private void body() {
        cover();
        if (flavour == Flavour.SCREEN) {
            contents();
        }
        summary();
        if (has(Section.POLICIES)) {
            policies();
        }
        if (has(Section.INVENTORY)) {
            inventory();
        }
        if (has(Section.NETWORK)) {
            network();
        }
        if (has(Section.CHANGES)) {
            changes();
        }
        if (has(Section.POLICY_HISTORY)) {
            policyHistory();
        }
        if (has(Section.AUDIT)) {
            auditLog();
        }
        if (has(Section.REQUIREMENTS)) {
            requirements();
        }
    }

    private boolean has(Section section) {
        return report.meta().type().has(section);
    }

    private void cover() {
        ComplianceReport.Meta meta = report.meta();
        Summary summary = report.summary();
        html.open("header", "class", "cover", "id", "cover").newline();
        html.element("h1", meta.type().title());
        html.element("div", meta.standard() + " - network segmentation evidence from pci-segment", "class", "subtitle");
        html.element(
                "div",
                summary.status(),
                "class",
                "status " + (summary.compliant() ? "compliant" : "non-compliant"),
                "data-figure",
                "status");
        html.open("dl", "class", "facts");
        fact("Period covered", meta.period().since() + " to " + meta.period().until(), "period");
        fact("Generated", meta.generatedAt().toString(), "generated");
        fact("Tool version", "pci-segment " + meta.toolVersion(), "tool-version");
        fact("Policy set SHA-256", meta.policySetSha256(), "policy-set-sha256");
        fact("Rule set SHA-256", meta.ruleSetSha256(), "rule-set-sha256");
        fact("Policy files", String.join(", ", meta.policyFiles()), "policy-files");
        fact("Audit log", meta.auditDirectory().orElse("none given"), "audit-directory");
        html.close("dl").close("header").newline();
    }

    private void fact(String name, String value, String figure) {
        html.element("dt", name).element("dd", value, "data-figure", figure);
    }

    private void contents() {
        html.open("nav", "class", "toc", "aria-label", "Contents")
                .element("h2", "Contents")
                .open("ol");
        link("summary", "Executive summary");
        if (has(Section.POLICIES)) {
            link("policies", "Policies");
        }
        if (has(Section.INVENTORY)) {
            link("inventory", "Inventory");
        }
        if (has(Section.NETWORK)) {
            link("network", "Network access");
        }
        if (has(Section.CHANGES)) {
            link("changes", "Changes");
        }
        if (has(Section.POLICY_HISTORY)) {
            link("policy-audit", "Policy audit");
        }
        if (has(Section.AUDIT)) {
            link("audit-log", "Audit log");
        }
        if (has(Section.REQUIREMENTS)) {
            link("requirements", "PCI DSS requirements");
        }
        html.close("ol").close("nav").newline();
    }

    private void link(String id, String text) {
        html.open("li").element("a", text, "href", "#" + id).close("li");
    }

    private void section(String id, String heading) {
        html.open("section", "class", "part", "id", id, "aria-labelledby", id + "-heading")
                .newline();
        html.element("h2", heading, "id", id + "-heading").newline();
    }

    private void endSection() {
        html.close("section").newline();
    }

    private void summary() {
        Summary s = report.summary();
        section("summary", "Executive summary");
        html.element("p", s.reasons(), "class", "reasons", "data-figure", "reasons");
        table("Key figures", "summary-table", "Figure", "Value");
        row("Status", s.status(), "status-row");
        row("Policies", Integer.toString(s.policies()), "policies");
        row("Workloads in the inventory", Integer.toString(s.workloads()), "workloads");
        row("CDE workloads (pci-env=cde)", Integer.toString(s.cdeWorkloads()), "cde-workloads");
        for (Map.Entry<String, Long> entry : s.findingsBySeverity().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .toList()) {
            row("Findings: " + entry.getKey(), Long.toString(entry.getValue()), "findings-" + entry.getKey());
        }
        row("Allowed paths into the CDE", optional(s.flowsIntoCde()), "flows-into-cde");
        row("Allowed paths out of the CDE", optional(s.flowsOutOfCde()), "flows-out-of-cde");
        row(
                "CDE workloads reachable from outside the inventory",
                optional(s.internetExposedCde()),
                "internet-exposed-cde");
        row("Blocked events in the period", optional(s.blockedEvents()), "blocked-events");
        row("Allowed events in the period", optional(s.allowedEvents()), "allowed-events");
        row("Audit-log integrity", s.auditIntegrity(), "audit-integrity");
        for (Status status : Status.values()) {
            row(
                    "Requirements " + status.label().toLowerCase(java.util.Locale.ROOT),
                    Long.toString(s.requirementsByStatus().getOrDefault(status.key(), 0L)),
                    "requirements-" + status.key());
        }
        endTable();
        endSection();
    }

    private static String optional(Optional<? extends Number> value) {
        return value.map(Number::toString).orElse(NOT_AVAILABLE);
    }

    private void table(String caption, String id, String... headers) {
        html.open("table", "id", id).element("caption", caption).open("thead").open("tr");
        for (String header : headers) {
            html.element("th", header, "scope", "col");
        }
        html.close("tr").close("thead").open("tbody").newline();
    }

    private void endTable() {
        html.close("tbody").close("table").newline();
    }

    private void row(String name, String value, String figure) {
        html.open("tr")
                .element("th", name, "scope", "row")
                .element("td", value, "data-figure", figure)
                .close("tr")
                .newline();
    }

    /** A row whose first cell names it (a row header) and the rest are data. */
    private void cells(String first, String... rest) {
        html.open("tr").element("th", first, "scope", "row");
        for (String cell : rest) {
            html.element("td", cell);
        }
        html.close("tr").newline();
    }

    private void policies() {
        section("policies", "Policies");
        if (report.policies().isEmpty()) {
            html.element("p", "No policy was loaded.");
        }
        for (PolicyEntry policy : report.policies()) {
            html.open("div", "class", "policy", "data-policy", policy.name());
            html.element("h3", policy.name());
            html.open("dl", "class", "facts");
            html.element("dt", "Defined at")
                    .open("dd")
                    .element("code", policy.location())
                    .close("dd");
            html.element("dt", "Purpose").element("dd", policy.description().orElse("(no description annotation)"));
            html.element("dt", "Protects")
                    .element(
                            "dd",
                            policy.protects().isEmpty()
                                    ? "no inventory workload (its selector matches none)"
                                    : String.join(", ", policy.protects()));
            html.element("dt", "Restricts")
                    .element(
                            "dd",
                            policy.restricts().isEmpty()
                                    ? "nothing (no policyTypes, no ingress or egress list)"
                                    : String.join(" and ", policy.restricts()));
            html.element("dt", "PCI DSS requirements cited")
                    .element("dd", policy.citations().isEmpty() ? "none" : String.join(", ", policy.citations()));
            html.close("dl");
            if (policy.allows().isEmpty()) {
                html.element("p", "It allows nothing: every restricted direction of its workloads is default deny.");
            } else {
                table(
                        "What " + policy.name() + " allows",
                        "allows-" + policy.name(),
                        "Direction",
                        "Peers",
                        "Protocol",
                        "Ports",
                        "Rule at");
                for (AllowEntry allow : policy.allows()) {
                    cells(allow.direction(), allow.peers(), allow.protocol(), allow.ports(), allow.location());
                }
                endTable();
            }
            findings("Findings for " + policy.name(), "findings-" + policy.name(), policy.findings());
            html.close("div").newline();
        }
        endSection();
    }

    private void findings(String caption, String id, List<FindingEntry> findings) {
        if (findings.isEmpty()) {
            html.element("p", caption + ": none.");
            return;
        }
        table(caption, id, "Rule", "Severity", "Requirement", "Finding", "Location", "Remediation");
        for (FindingEntry finding : findings) {
            html.open("tr")
                    .element("th", finding.ruleId(), "scope", "row")
                    .open("td")
                    .element("span", finding.severity(), "class", "badge " + finding.severity())
                    .close("td")
                    .element("td", finding.requirement())
                    .element("td", finding.message())
                    .element("td", finding.location())
                    .element("td", finding.remediation())
                    .close("tr")
                    .newline();
        }
        endTable();
    }

    private void inventory() {
        section("inventory", "Inventory: workloads and their controls");
        if (report.workloads().isEmpty()) {
            html.element("p", "No inventory was given (--inventory): there are no workloads to report on.");
            endSection();
            return;
        }
        table(
                report.workloads().size() + " workloads, " + report.summary().cdeWorkloads() + " in the CDE",
                "inventory-table",
                "Workload",
                "Addresses",
                "Labels",
                "CDE",
                "Ingress",
                "Egress");
        for (WorkloadEntry workload : report.workloads()) {
            String labels = workload.labels().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", "));
            html.open("tr", "data-workload", workload.name())
                    .element("th", workload.name(), "scope", "row")
                    .element("td", String.join(", ", workload.addresses()))
                    .element("td", labels);
            html.element("td", workload.cde() ? "yes" : "no", "class", workload.cde() ? "cde" : "");
            html.element("td", control(workload.ingress())).element("td", control(workload.egress()));
            html.close("tr").newline();
        }
        endTable();
        endSection();
    }

    private static String control(DirectionControl control) {
        if (!control.restricted()) {
            return "open: no policy restricts it";
        }
        return "default deny, " + control.allowRules() + " allow rule(s) from " + String.join(", ", control.policies());
    }

    private void network() {
        section("network", "Network access");
        Optional<NetworkView> network = report.network();
        if (network.isEmpty()) {
            html.element(
                    "p",
                    "No reachability analysis: only valid policy sets with an inventory are analysed, so this"
                            + " report holds no network diagram, data-flow diagram or reachability table.");
            endSection();
            return;
        }
        NetworkView view = network.get();
        html.element("h3", "Network diagram (PCI DSS 1.2.3)");
        html.open("div", "class", "figure-block")
                .raw(NetworkDiagram.network(view, "network-diagram"))
                .close("div");
        html.element("h3", "CDE data-flow diagram (PCI DSS 1.2.4)");
        html.open("div", "class", "figure-block")
                .raw(NetworkDiagram.cdeDataFlow(view, "cde-flow-diagram"))
                .close("div");
        table(
                "Reachability: " + view.reachability().size() + " allowed paths, "
                        + view.intoCde().size() + " into and " + view.outOfCde().size() + " out of the CDE",
                "reachability-table",
                "From",
                "To",
                "Services",
                "CDE",
                "Allowed by");
        List<NetworkView.Reach> ordered = new ArrayList<>(view.reachability());
        for (NetworkView.Reach reach : ordered) {
            String cde = reach.intoCde() ? "into CDE" : reach.outOfCde() ? "out of CDE" : "";
            cells(
                    label(view, reach.from()),
                    label(view, reach.to()),
                    reach.services(),
                    cde,
                    String.join("; ", reach.rules()));
        }
        endTable();
        html.element(
                "p",
                view.exposedCde().isEmpty()
                        ? "No CDE workload is reachable from addresses outside the inventory."
                        : "CDE workloads reachable from outside the inventory: " + String.join(", ", view.exposedCde())
                                + ".",
                "data-figure",
                "exposure");
        endSection();
    }

    private static String label(NetworkView view, String zoneId) {
        return view.zones().stream()
                .filter(z -> z.id().equals(zoneId))
                .findFirst()
                .map(NetworkView.Zone::label)
                .orElse(zoneId);
    }

    private void changes() {
        section("changes", "Changes since the previous version");
        Optional<ComplianceReport.Changes> changes = report.changes();
        if (changes.isEmpty()) {
            html.element("p", "No previous report or policy version was given (--previous).");
            endSection();
            return;
        }
        ComplianceReport.Changes c = changes.get();
        html.element(
                "p",
                "Compared with " + c.against() + ": " + c.added().size() + " added, "
                        + c.removed().size() + " removed.",
                "data-figure",
                "changes");
        list("Added", c.added());
        list("Removed", c.removed());
        list("Notes", c.notes());
        endSection();
    }

    private void list(String heading, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        html.element("h3", heading).open("ul");
        items.forEach(item -> html.element("li", item));
        html.close("ul");
    }

    private void policyHistory() {
        section("policy-audit", "Policy audit: who changed which policy when");
        Optional<AuditTrailEvidence> audit = report.audit();
        if (audit.isEmpty()) {
            html.element("p", "No audit log was given (--audit-dir): the policy change history is not available.");
            endSection();
            return;
        }
        List<PolicyChange> changes = audit.get().policyChanges();
        if (changes.isEmpty()) {
            html.element("p", "The audit log records no policy application, change or removal in the period.");
        } else {
            table(
                    changes.size() + " policy changes in the period",
                    "policy-history-table",
                    "Time (UTC)",
                    "Action",
                    "User",
                    "Host",
                    "Outcome",
                    "Policy set",
                    "Policies",
                    "Backend",
                    "Change");
            for (PolicyChange change : changes) {
                cells(
                        change.time().toString(),
                        change.action(),
                        change.user(),
                        change.host(),
                        change.outcome(),
                        change.policySetSha256().substring(0, 12),
                        String.join(", ", change.policies()),
                        change.backend().orElse(""),
                        change.diff().orElse(""));
            }
            endTable();
        }
        endSection();
    }

    private void auditLog() {
        section("audit-log", "Audit log");
        Optional<AuditTrailEvidence> evidence = report.audit();
        if (evidence.isEmpty()) {
            html.element(
                    "p",
                    "No audit log was given (--audit-dir): events, integrity and segmentation tests are"
                            + " not assessed.");
            endSection();
            return;
        }
        AuditTrailEvidence log = evidence.get();
        table("Audit log " + log.directory(), "audit-table", "Figure", "Value");
        row("Integrity", log.integrity().summary(), "audit-verify");
        row("Records up to the end of the period", Long.toString(log.records()), "audit-records");
        row("Records in the period", Long.toString(log.recordsInPeriod()), "audit-records-in-period");
        row("Oldest record", log.firstRecord().map(Object::toString).orElse(NOT_AVAILABLE), "audit-first");
        row("Newest record", log.lastRecord().map(Object::toString).orElse(NOT_AVAILABLE), "audit-last");
        row(
                "Blocked events (packets)",
                log.flows().blockedEvents() + " (" + log.flows().blockedPackets() + ")",
                "audit-blocked");
        row(
                "Allowed events (packets)",
                log.flows().allowedEvents() + " (" + log.flows().allowedPackets() + ")",
                "audit-allowed");
        row(
                "File access",
                log.access().isEmpty() ? "not readable by other users" : String.join("; ", log.access()),
                "audit-access");
        endTable();
        if (log.segmentationTests().isEmpty()) {
            html.element(
                    "p",
                    "No segmentation test is recorded in the audit log (PCI DSS 11.4.5 and 11.4.6 are not"
                            + " assessed).");
        } else {
            table("Segmentation tests", "segmentation-table", "Time (UTC)", "User", "Probes", "Failed", "Result");
            for (SegmentationTestRun test : log.segmentationTests()) {
                cells(
                        test.time().toString(),
                        test.user(),
                        Integer.toString(test.probes()),
                        Integer.toString(test.failures().size()),
                        test.passed() ? "passed" : "failed: " + String.join("; ", test.failures()));
            }
            endTable();
        }
        if (log.failures().isEmpty()) {
            html.element("p", "No control failure is recorded in the period.");
        } else {
            table("Control failures in the period", "failures-table", "Time (UTC)", "Event", "Host", "What happened");
            for (ControlFailure failure : log.failures()) {
                cells(
                        failure.time().toString(),
                        failure.action(),
                        failure.host(),
                        failure.message() + failure.error().map(e -> ": " + e).orElse(""));
            }
            endTable();
        }
        endSection();
    }

    private void requirements() {
        section("requirements", report.meta().standard() + " requirements");
        Map<String, Long> counts = report.summary().requirementsByStatus();
        html.element(
                "p",
                "Every numbered requirement of the standard, with the status this tool can give it and"
                        + " the evidence. Titles are short paraphrases, not the standard's text.");
        if (flavour == Flavour.SCREEN) {
            html.open("div", "class", "controls")
                    .open("label", "for", "only-findings")
                    .empty("input", "type", "checkbox", "id", "only-findings")
                    .text(" Show only requirements with findings")
                    .close("label")
                    .close("div");
        }
        table(
                counts.getOrDefault(Status.EVIDENCED.key(), 0L) + " evidenced, "
                        + counts.getOrDefault(Status.FINDING.key(), 0L) + " with findings, "
                        + counts.getOrDefault(Status.NOT_ASSESSED.key(), 0L) + " not assessed",
                "requirements-table",
                "Requirement",
                "Title",
                "Status",
                "Evidence",
                "Source");
        for (RequirementResult r : report.requirements()) {
            html.open(
                    "tr",
                    "class",
                    "depth-" + r.depth(),
                    "data-status",
                    r.status().key(),
                    "data-requirement",
                    r.id());
            html.element("th", r.id(), "scope", "row").element("td", r.title());
            html.open("td")
                    .element(
                            "span",
                            r.status().label(),
                            "class",
                            "badge " + r.status().key())
                    .close("td");
            html.open("td").text(r.evidence());
            for (FindingEntry finding : r.findings()) {
                html.empty("br").text(finding.severity() + ": " + finding.message() + " (" + finding.location() + ")");
            }
            html.close("td").element("td", String.join(", ", r.evidenceSources()));
            html.close("tr").newline();
        }
        endTable();
        endSection();
    }
}
