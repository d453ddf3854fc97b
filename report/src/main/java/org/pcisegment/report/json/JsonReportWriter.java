package org.pcisegment.report.json;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pcisegment.core.json.Json;
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
import org.pcisegment.report.trail.AuditTrailEvidence;
import org.pcisegment.report.trail.ControlFailure;
import org.pcisegment.report.trail.PolicyChange;
import org.pcisegment.report.trail.SegmentationTestRun;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a report as JSON with stable snake_case field names, described by {@link #SCHEMA_RESOURCE}
 * (JSON Schema 2020-12), which ships beside this class. Fields are always present: what a report
 * cannot give is {@code null}, never missing; sections a report type leaves out are absent.
 */
public final class JsonReportWriter {
    /** The format name written into every report; bumped on any incompatible change. */
    public static final String FORMAT = "pci-segment-compliance-report/v1";

    /** The schema's resource path. */
    public static final String SCHEMA_RESOURCE = "/org/pcisegment/report/json/compliance-report.schema.json";

    private JsonReportWriter() {}

    public static String write(ComplianceReport report) {
        return Json.write(tree(report)) + "\n";
    }

    public static ObjectNode tree(ComplianceReport report) {
        ObjectNode root = Json.object();
        root.put("format", FORMAT);
        meta(root.putObject("report"), report.meta());
        summary(root.putObject("summary"), report.summary());
        if (report.meta().type().has(Section.POLICIES)) {
            policies(root.putArray("policies"), report.policies());
        }
        if (report.meta().type().has(Section.INVENTORY)) {
            workloads(root.putArray("workloads"), report.workloads());
        }
        if (report.meta().type().has(Section.NETWORK)) {
            report.network().ifPresentOrElse(n -> network(root.putObject("network"), n), () -> root.putNull("network"));
        }
        if (report.meta().type().has(Section.CHANGES)) {
            report.changes().ifPresentOrElse(c -> changes(root.putObject("changes"), c), () -> root.putNull("changes"));
        }
        if (report.meta().type().has(Section.POLICY_HISTORY)
                || report.meta().type().has(Section.AUDIT)) {
            report.audit().ifPresentOrElse(a -> audit(root.putObject("audit"), a), () -> root.putNull("audit"));
        }
        if (report.meta().type().has(Section.REQUIREMENTS)) {
            requirements(root.putArray("requirements"), report.requirements());
        }
        return root;
    }

    private static void meta(ObjectNode node, ComplianceReport.Meta meta) {
        node.put("type", meta.type().key());
        node.put("title", meta.type().title());
        node.put("generated_at", meta.generatedAt().toString());
        node.putObject("period")
                .put("since", meta.period().since().toString())
                .put("until", meta.period().until().toString());
        node.put("tool_version", meta.toolVersion());
        node.put("standard", meta.standard());
        node.put("policy_set_sha256", meta.policySetSha256());
        node.put("rule_set_sha256", meta.ruleSetSha256());
        strings(node.putArray("policy_files"), meta.policyFiles());
        optional(node, "audit_directory", meta.auditDirectory());
    }

    private static void summary(ObjectNode node, Summary s) {
        node.put("status", s.status());
        node.put("compliant", s.compliant());
        node.put("reasons", s.reasons());
        node.put("policies", s.policies());
        node.put("workloads", s.workloads());
        node.put("cde_workloads", s.cdeWorkloads());
        ObjectNode findings = node.putObject("findings");
        s.findingsBySeverity().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> findings.put(e.getKey(), e.getValue()));
        number(node, "flows_into_cde", s.flowsIntoCde());
        number(node, "flows_out_of_cde", s.flowsOutOfCde());
        number(node, "internet_exposed_cde", s.internetExposedCde());
        number(node, "blocked_events", s.blockedEvents());
        number(node, "allowed_events", s.allowedEvents());
        node.put("audit_integrity", s.auditIntegrity());
        ObjectNode requirements = node.putObject("requirements");
        s.requirementsByStatus().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> requirements.put(e.getKey(), e.getValue()));
    }

    private static void policies(ArrayNode array, List<PolicyEntry> policies) {
        for (PolicyEntry policy : policies) {
            ObjectNode node = array.addObject();
            node.put("name", policy.name());
            node.put("location", policy.location());
            optional(node, "description", policy.description());
            strings(node.putArray("citations"), policy.citations());
            strings(node.putArray("protects"), policy.protects());
            strings(node.putArray("restricts"), policy.restricts());
            ArrayNode allows = node.putArray("allows");
            for (AllowEntry allow : policy.allows()) {
                allows.addObject()
                        .put("direction", allow.direction())
                        .put("peers", allow.peers())
                        .put("protocol", allow.protocol())
                        .put("ports", allow.ports())
                        .put("location", allow.location());
            }
            findings(node.putArray("findings"), policy.findings());
        }
    }

    private static void findings(ArrayNode array, List<FindingEntry> findings) {
        for (FindingEntry finding : findings) {
            array.addObject()
                    .put("rule_id", finding.ruleId())
                    .put("requirement", finding.requirement())
                    .put("severity", finding.severity())
                    .put("message", finding.message())
                    .put("location", finding.location())
                    .put("remediation", finding.remediation());
        }
    }

    private static void workloads(ArrayNode array, List<WorkloadEntry> workloads) {
        for (WorkloadEntry workload : workloads) {
            ObjectNode node = array.addObject();
            node.put("name", workload.name());
            strings(node.putArray("addresses"), workload.addresses());
            ObjectNode labels = node.putObject("labels");
            workload.labels().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> labels.put(e.getKey(), e.getValue()));
            node.put("cde", workload.cde());
            control(node.putObject("ingress"), workload.ingress());
            control(node.putObject("egress"), workload.egress());
        }
    }

    private static void control(ObjectNode node, DirectionControl control) {
        node.put("restricted", control.restricted());
        strings(node.putArray("policies"), control.policies());
        node.put("allow_rules", control.allowRules());
    }

    private static void network(ObjectNode node, NetworkView view) {
        ArrayNode zones = node.putArray("zones");
        for (NetworkView.Zone zone : view.zones()) {
            ObjectNode z = zones.addObject()
                    .put("id", zone.id())
                    .put("label", zone.label())
                    .put("kind", zone.kind().name().toLowerCase(java.util.Locale.ROOT))
                    .put("cde", zone.cde());
            strings(z.putArray("addresses"), zone.addresses());
        }
        ArrayNode reach = node.putArray("reachability");
        for (NetworkView.Reach r : view.reachability()) {
            ObjectNode entry = reach.addObject()
                    .put("from", r.from())
                    .put("to", r.to())
                    .put("services", r.services())
                    .put("into_cde", r.intoCde())
                    .put("out_of_cde", r.outOfCde());
            strings(entry.putArray("rules"), r.rules());
        }
        strings(node.putArray("exposed_cde"), view.exposedCde());
    }

    private static void changes(ObjectNode node, ComplianceReport.Changes changes) {
        node.put("against", changes.against());
        strings(node.putArray("added"), changes.added());
        strings(node.putArray("removed"), changes.removed());
        strings(node.putArray("notes"), changes.notes());
    }

    private static void audit(ObjectNode node, AuditTrailEvidence log) {
        node.put("directory", log.directory());
        node.putObject("integrity")
                .put("intact", log.integrity().intact())
                .put("summary", log.integrity().summary())
                .put("records", log.integrity().records())
                .put("checkpoints", log.integrity().checkpoints());
        strings(node.putArray("access_problems"), log.access());
        node.put("records", log.records());
        node.put("records_in_period", log.recordsInPeriod());
        instant(node, "first_record", log.firstRecord());
        instant(node, "last_record", log.lastRecord());
        node.putObject("flows")
                .put("blocked_events", log.flows().blockedEvents())
                .put("blocked_packets", log.flows().blockedPackets())
                .put("allowed_events", log.flows().allowedEvents())
                .put("allowed_packets", log.flows().allowedPackets());
        ArrayNode changes = node.putArray("policy_changes");
        for (PolicyChange change : log.policyChanges()) {
            ObjectNode c = changes.addObject()
                    .put("time", change.time().toString())
                    .put("action", change.action())
                    .put("user", change.user())
                    .put("host", change.host())
                    .put("outcome", change.outcome())
                    .put("policy_set_sha256", change.policySetSha256());
            strings(c.putArray("policies"), change.policies());
            optional(c, "backend", change.backend());
            optional(c, "diff", change.diff());
        }
        ArrayNode tests = node.putArray("segmentation_tests");
        for (SegmentationTestRun test : log.segmentationTests()) {
            ObjectNode t = tests.addObject()
                    .put("time", test.time().toString())
                    .put("user", test.user())
                    .put("probes", test.probes())
                    .put("passed", test.passed());
            strings(t.putArray("failures"), test.failures());
        }
        ArrayNode failures = node.putArray("failures");
        for (ControlFailure failure : log.failures()) {
            ObjectNode f = failures.addObject()
                    .put("time", failure.time().toString())
                    .put("action", failure.action())
                    .put("host", failure.host())
                    .put("message", failure.message());
            optional(f, "error", failure.error());
        }
        node.put("enforcement_unrecovered", log.enforcementUnrecovered());
    }

    private static void requirements(ArrayNode array, List<RequirementResult> requirements) {
        for (RequirementResult r : requirements) {
            ObjectNode node = array.addObject()
                    .put("id", r.id())
                    .put("title", r.title())
                    .put("section", r.section())
                    .put("status", r.status().key())
                    .put("evidence", r.evidence());
            strings(node.putArray("evidence_sources"), r.evidenceSources());
            findings(node.putArray("findings"), r.findings());
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static void optional(ObjectNode node, String name, Optional<String> value) {
        value.ifPresentOrElse(v -> node.put(name, v), () -> node.putNull(name));
    }

    private static void instant(ObjectNode node, String name, Optional<Instant> value) {
        optional(node, name, value.map(Instant::toString));
    }

    private static void number(ObjectNode node, String name, Optional<? extends Number> value) {
        value.ifPresentOrElse(v -> node.put(name, v.longValue()), () -> node.putNull(name));
    }
}
