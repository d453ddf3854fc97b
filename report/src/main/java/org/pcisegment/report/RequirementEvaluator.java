package org.pcisegment.report;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pcisegment.core.pci.Finding;
import org.pcisegment.core.pci.PciRules;
import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.core.pci.ValidationResult;
import org.pcisegment.report.ComplianceReport.RequirementResult;
import org.pcisegment.report.catalogue.Control;
import org.pcisegment.report.catalogue.ControlCatalogue;
import org.pcisegment.report.catalogue.EvidenceSource;
import org.pcisegment.report.trail.AuditTrailEvidence;
import org.pcisegment.report.trail.PolicyChange;
import org.pcisegment.report.trail.SegmentationTestRun;

/**
 * Decides the status of every catalogue requirement from the evidence at hand. One method per status
 * rule; each says in a sentence what it saw, so the requirements table carries the evidence itself.
 */
final class RequirementEvaluator {
    private static final String NO_AUDIT = "No audit log was given (--audit-dir), so there is no evidence for this.";
    private static final Pattern LOG_FILE_NAME = Pattern.compile("audit-\\d{20}-(\\d{8}T\\d{6}Z)\\.jsonl(?:\\.gz)?");
    private static final DateTimeFormatter LOG_FILE_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final ValidationResult validation;
    private final Optional<NetworkView> network;
    private final Optional<AuditTrailEvidence> audit;
    private final String policySetSha256;
    private final boolean hasInventory;
    private final boolean hasCde;
    private final Instant asOf;

    RequirementEvaluator(
            ValidationResult validation,
            Optional<NetworkView> network,
            Optional<AuditTrailEvidence> audit,
            Instant asOf) {
        this.validation = validation;
        this.network = network;
        this.audit = audit;
        this.policySetSha256 = validation.policySet().sha256();
        this.hasInventory = !validation.policySet().inventory().isEmpty();
        this.hasCde = !validation.policySet().inventory().cdeWorkloads().isEmpty();
        this.asOf = asOf;
    }

    private record Outcome(Status status, String evidence, List<Finding> findings) {
        static Outcome of(Status status, String evidence) {
            return new Outcome(status, evidence, List.of());
        }
    }

    List<RequirementResult> evaluate(ControlCatalogue catalogue) {
        Map<String, RequirementResult> leaves = new LinkedHashMap<>();
        for (Control control : catalogue.controls()) {
            if (!control.isSection()) {
                Outcome outcome = outcome(control);
                leaves.put(control.id(), result(control, outcome.status(), outcome.evidence(), outcome.findings()));
            }
        }
        List<RequirementResult> all = new ArrayList<>();
        for (Control control : catalogue.controls()) {
            if (control.isSection()) {
                all.add(rollUp(control, catalogue, leaves));
            } else {
                all.add(java.util.Objects.requireNonNull(leaves.get(control.id())));
            }
        }
        return all;
    }

    private static RequirementResult result(Control control, Status status, String evidence, List<Finding> findings) {
        return new RequirementResult(
                control.id(),
                control.title(),
                control.depth(),
                control.isSection(),
                status,
                evidence,
                control.evidence().stream().map(EvidenceSource::key).toList(),
                findings.stream().map(ReportBuilder::entry).toList());
    }

    private static RequirementResult rollUp(
            Control section, ControlCatalogue catalogue, Map<String, RequirementResult> leaves) {
        long evidenced = 0;
        long findings = 0;
        long notAssessed = 0;
        for (Control control : catalogue.controls()) {
            if (!control.isSection() && section.contains(control)) {
                switch (java.util.Objects.requireNonNull(leaves.get(control.id()))
                        .status()) {
                    case EVIDENCED -> evidenced++;
                    case FINDING -> findings++;
                    case NOT_ASSESSED -> notAssessed++;
                }
            }
        }
        Status status = findings > 0 ? Status.FINDING : evidenced > 0 ? Status.EVIDENCED : Status.NOT_ASSESSED;
        String evidence = evidenced + " evidenced, " + findings + " with findings, " + notAssessed + " not assessed.";
        return result(section, status, evidence, List.of());
    }

    private Outcome outcome(Control control) {
        return switch (control.rule()) {
            case SECTION -> throw new IllegalArgumentException("sections roll up");
            case NOT_ASSESSED ->
                Outcome.of(Status.NOT_ASSESSED, control.notAssessedReason().orElse(""));
            case POLICY_VALIDATION -> validation(control.id(), "");
            case CDE_INBOUND -> validation(control.id(), flows(true));
            case CDE_OUTBOUND -> validation(control.id(), flows(false));
            case NETWORK_DIAGRAM -> diagram(hasInventory, "The inventory is empty", "network diagram");
            case DATA_FLOW_DIAGRAM ->
                diagram(hasCde, "The inventory labels no workload pci-env=cde", "CDE data-flow diagram");
            case INTERNET_EXPOSURE -> internetExposure();
            case CHANGE_CONTROL -> withAudit(this::changeControl);
            case RUNNING_CONFIGURATION -> withAudit(this::runningConfiguration);
            case AUDIT_ENABLED -> withAudit(this::auditEnabled);
            case AUDIT_ADMIN_ACTIONS -> withAudit(this::adminActions);
            case AUDIT_LOG_LIFECYCLE -> withAudit(this::logLifecycle);
            case AUDIT_SYSTEM_OBJECTS -> withAudit(this::systemObjects);
            case AUDIT_RECORD_FIELDS -> withAudit(this::recordFields);
            case AUDIT_ACCESS -> withAudit(this::access);
            case AUDIT_INTEGRITY -> withAudit(this::integrity);
            case AUDIT_RETENTION -> withAudit(this::retention);
            case FAILURE_DETECTION -> withAudit(this::failureDetection);
            case SEGMENTATION_TEST_YEARLY -> withAudit(a -> segmentationTest(a, Period.ofMonths(12), "12 months"));
            case SEGMENTATION_TEST_SIX_MONTHLY -> withAudit(a -> segmentationTest(a, Period.ofMonths(6), "6 months"));
        };
    }

    private Outcome withAudit(java.util.function.Function<AuditTrailEvidence, Outcome> rule) {
        return audit.map(rule).orElse(Outcome.of(Status.NOT_ASSESSED, NO_AUDIT));
    }

    private Outcome validation(String requirement, String more) {
        List<Finding> findings = validation.findings().stream()
                .filter(f -> f.requirement().equals(requirement))
                .toList();
        List<String> rules = PciRules.infos().stream()
                .filter(info -> info.requirement().equals(requirement))
                .map(RuleInfo::id)
                .toList();
        long errors = findings.stream().filter(Finding::isError).count();
        long warnings =
                findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
        String checked = "Checked by " + rules.size() + " rule(s) (" + String.join(", ", rules) + ") over "
                + validation.policySet().policies().size() + " policies: " + errors + " error(s), " + warnings
                + " warning(s).";
        return new Outcome(errors > 0 ? Status.FINDING : Status.EVIDENCED, checked + more, findings);
    }

    private String flows(boolean into) {
        return network.map(n -> {
                    List<NetworkView.Reach> reach = into ? n.intoCde() : n.outOfCde();
                    return " The analysis finds " + reach.size() + " allowed path(s) " + (into ? "into" : "out of")
                            + " the CDE, listed in the reachability table.";
                })
                .orElse("");
    }

    private Outcome diagram(boolean input, String missing, String what) {
        if (!input) {
            return Outcome.of(Status.NOT_ASSESSED, missing + ": there is nothing to draw the " + what + " from.");
        }
        return network.map(n -> Outcome.of(
                        Status.EVIDENCED,
                        "The " + what + " in this report is drawn from the analysis: "
                                + n.zones().size() + " zones, "
                                + n.reachability().size() + " allowed paths."))
                .orElse(Outcome.of(
                        Status.NOT_ASSESSED,
                        "No reachability analysis: only valid policy sets with an inventory are analysed."));
    }

    private Outcome internetExposure() {
        if (!hasCde) {
            return Outcome.of(Status.NOT_ASSESSED, "The inventory labels no workload pci-env=cde.");
        }
        return network.map(n -> n.exposedCde().isEmpty()
                        ? Outcome.of(
                                Status.EVIDENCED, "No CDE workload is reachable from addresses outside the inventory.")
                        : Outcome.of(
                                Status.FINDING,
                                n.exposedCde().size() + " CDE workload(s) reachable from outside the inventory: "
                                        + String.join(", ", n.exposedCde()) + "."))
                .orElse(Outcome.of(
                        Status.NOT_ASSESSED,
                        "No reachability analysis: only valid policy sets with an inventory are analysed."));
    }

    private Outcome changeControl(AuditTrailEvidence log) {
        List<PolicyChange> changes = log.policyChanges();
        return Outcome.of(
                Status.EVIDENCED,
                changes.size() + " policy application(s), change(s) or removal(s) in the period, each recorded with"
                        + " time, user, host and policy set hash (see the policy audit report).");
    }

    private Outcome runningConfiguration(AuditTrailEvidence log) {
        if (log.lastInstalled().isEmpty()) {
            return Outcome.of(Status.NOT_ASSESSED, "The audit log records no installation of a policy set.");
        }
        PolicyChange last = log.lastInstalled().get();
        String when = " (" + last.action() + " " + last.time() + " by " + last.user() + " on " + last.host() + ")";
        if (last.action().equals("policy-removed")) {
            return Outcome.of(Status.FINDING, "The last policy set installed was removed" + when + ".");
        }
        if (!last.policySetSha256().equals(policySetSha256)) {
            return Outcome.of(
                    Status.FINDING,
                    "The policy set installed last (" + last.policySetSha256().substring(0, 12)
                            + ") is not the one reported on (" + policySetSha256.substring(0, 12) + ")" + when + ".");
        }
        return Outcome.of(Status.EVIDENCED, "The policy set reported on is the one installed last" + when + ".");
    }

    private Outcome auditEnabled(AuditTrailEvidence log) {
        return log.recordsInPeriod() > 0
                ? Outcome.of(Status.EVIDENCED, log.recordsInPeriod() + " audit records in the period.")
                : Outcome.of(Status.FINDING, "The audit log holds no record in the period.");
    }

    private Outcome adminActions(AuditTrailEvidence log) {
        return log.incompleteUserChanges() == 0
                ? Outcome.of(
                        Status.EVIDENCED,
                        "All " + log.policyChanges().size() + " policy change(s) in the period name their user.")
                : Outcome.of(
                        Status.FINDING,
                        log.incompleteUserChanges() + " policy change(s) in the period have no known user.");
    }

    private Outcome logLifecycle(AuditTrailEvidence log) {
        return log.logStarts() > 0
                ? Outcome.of(
                        Status.EVIDENCED,
                        "The log recorded its own start " + log.logStarts() + " time(s) and stop " + log.logStops()
                                + " time(s) up to the end of the period.")
                : Outcome.of(Status.FINDING, "The log holds no record of its own start.");
    }

    private Outcome systemObjects(AuditTrailEvidence log) {
        return Outcome.of(
                Status.EVIDENCED,
                log.policyChanges().size() + " rule set installation(s), change(s) and removal(s) recorded in the"
                        + " period.");
    }

    private Outcome recordFields(AuditTrailEvidence log) {
        return log.records() > 0
                ? Outcome.of(
                        Status.EVIDENCED,
                        "All " + log.records() + " records read carry @timestamp, event.action, event.outcome,"
                                + " host.name, user.name and their subject (the reader rejects records without).")
                : Outcome.of(Status.NOT_ASSESSED, "The audit log holds no record up to the end of the period.");
    }

    private Outcome access(AuditTrailEvidence log) {
        return log.access().isEmpty()
                ? Outcome.of(Status.EVIDENCED, "The log directory and files are not readable by other users.")
                : Outcome.of(Status.FINDING, String.join("; ", log.access()) + ".");
    }

    private Outcome integrity(AuditTrailEvidence log) {
        return Outcome.of(
                log.integrity().intact() ? Status.EVIDENCED : Status.FINDING,
                "Verification: " + log.integrity().summary() + ".");
    }

    private Outcome retention(AuditTrailEvidence log) {
        if (!log.integrity().intact()) {
            return Outcome.of(
                    Status.FINDING, "The log is not intact: " + log.integrity().summary() + ".");
        }
        List<String> early = new ArrayList<>();
        int deleted = 0;
        for (AuditTrailEvidence.RetentionRun run : log.retentionRuns()) {
            Instant keepFrom = run.time().atZone(ZoneOffset.UTC).minusMonths(12).toInstant();
            for (String file : run.deleted()) {
                deleted++;
                fileStart(file).filter(start -> start.isAfter(keepFrom)).ifPresent(start -> early.add(file));
            }
        }
        if (!early.isEmpty()) {
            return Outcome.of(
                    Status.FINDING,
                    "Retention deleted file(s) started less than 12 months before: " + String.join(", ", early) + ".");
        }
        String oldest = log.firstRecord()
                .map(t -> "the oldest record kept is from " + t + " ("
                        + Duration.between(t, asOf).toDays() + " days before the end of the period)")
                .orElse("the log holds no record");
        return Outcome.of(
                Status.EVIDENCED,
                "The log is intact; " + oldest + "; " + log.retentionRuns().size() + " retention run(s) deleted "
                        + deleted + " file(s), none younger than 12 months.");
    }

    private static Optional<Instant> fileStart(String name) {
        Matcher matcher = LOG_FILE_NAME.matcher(name);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LOG_FILE_STAMP.parse(matcher.group(1), Instant::from));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private Outcome failureDetection(AuditTrailEvidence log) {
        String recorded = log.failures().size() + " control failure(s) (enforcement failures, integrity alerts)"
                + " recorded in the period";
        return log.enforcementUnrecovered()
                ? Outcome.of(
                        Status.FINDING,
                        recorded + "; the latest enforcement event is a failure with no recovery after it.")
                : Outcome.of(Status.EVIDENCED, recorded + "; none is left without a later recovery.");
    }

    private Outcome segmentationTest(AuditTrailEvidence log, Period interval, String intervalText) {
        if (log.segmentationTests().isEmpty()) {
            return Outcome.of(Status.NOT_ASSESSED, "No segmentation test is recorded in the audit log.");
        }
        SegmentationTestRun latest = log.segmentationTests().getLast();
        String what = "The latest segmentation test (" + latest.time() + ", " + latest.probes() + " probes, "
                + latest.failures().size() + " failed, by " + latest.user() + ")";
        if (!latest.passed()) {
            return Outcome.of(Status.FINDING, what + " failed: " + String.join("; ", latest.failures()) + ".");
        }
        Instant due = latest.time().atZone(ZoneOffset.UTC).plus(interval).toInstant();
        if (due.isBefore(asOf)) {
            return Outcome.of(Status.FINDING, what + " passed but is older than " + intervalText + ".");
        }
        return Outcome.of(Status.EVIDENCED, what + " passed, within " + intervalText + ".");
    }
}
