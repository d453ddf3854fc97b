package org.pcisegment.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.ir.DirectionRules;
import org.pcisegment.core.ir.HostRules;
import org.pcisegment.core.ir.PolicyOrigin;
import org.pcisegment.core.ir.Rule;
import org.pcisegment.core.load.PolicySet;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.pci.Finding;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.core.pci.ValidationResult;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.core.policy.Policy;
import org.pcisegment.report.ComplianceReport.AllowEntry;
import org.pcisegment.report.ComplianceReport.DirectionControl;
import org.pcisegment.report.ComplianceReport.FindingEntry;
import org.pcisegment.report.ComplianceReport.Meta;
import org.pcisegment.report.ComplianceReport.PolicyEntry;
import org.pcisegment.report.ComplianceReport.RequirementResult;
import org.pcisegment.report.ComplianceReport.Summary;
import org.pcisegment.report.ComplianceReport.WorkloadEntry;
import org.pcisegment.report.catalogue.ControlCatalogue;
import org.pcisegment.report.trail.AuditTrailEvidence;

/** Builds the one report model every writer lays out. */
public final class ReportBuilder {
    /** How many failing requirements the summary paragraph names before "and N more". */
    private static final int REASONS_NAMED = 6;

    private ReportBuilder() {}

    public static ComplianceReport build(ReportInputs inputs) {
        return build(inputs, ControlCatalogue.pciDss40());
    }

    public static ComplianceReport build(ReportInputs inputs, ControlCatalogue catalogue) {
        ValidationResult validation = inputs.validation();
        PolicySet set = validation.policySet();
        Optional<NetworkView> network = inputs.reachability().map(AnalysisView::of);
        List<RequirementResult> requirements = new RequirementEvaluator(
                        validation, network, inputs.audit(), inputs.period().until())
                .evaluate(catalogue);
        Meta meta = new Meta(
                inputs.type(),
                inputs.generatedAt(),
                inputs.period(),
                inputs.toolVersion(),
                catalogue.standard(),
                set.sha256(),
                inputs.ruleSet().sha256(),
                set.files(),
                inputs.audit().map(AuditTrailEvidence::directory));
        return new ComplianceReport(
                meta,
                summary(inputs, network, requirements),
                policies(inputs),
                workloads(inputs),
                network,
                inputs.changes(),
                inputs.audit(),
                requirements);
    }

    static FindingEntry entry(Finding finding) {
        return new FindingEntry(
                finding.ruleId(),
                finding.requirement(),
                finding.severity().lowerName(),
                finding.message(),
                finding.span().toString(),
                finding.remediation());
    }

    private static Summary summary(
            ReportInputs inputs, Optional<NetworkView> network, List<RequirementResult> requirements) {
        ValidationResult validation = inputs.validation();
        PolicySet set = validation.policySet();
        Map<String, Long> bySeverity = new LinkedHashMap<>();
        for (Severity severity : Severity.values()) {
            bySeverity.put(severity.lowerName(), validation.count(severity));
        }
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (Status status : Status.values()) {
            byStatus.put(
                    status.key(),
                    requirements.stream()
                            .filter(r -> !r.section() && r.status() == status)
                            .count());
        }
        List<RequirementResult> failing = requirements.stream()
                .filter(r -> !r.section() && r.status() == Status.FINDING)
                .toList();
        Optional<AuditTrailEvidence> audit = inputs.audit();
        String integrity =
                audit.map(a -> a.integrity().intact() ? "intact" : "BROKEN").orElse("not assessed (no audit log)");
        return new Summary(
                failing.isEmpty(),
                reasons(failing, byStatus),
                set.policies().size(),
                set.inventory().workloads().size(),
                set.inventory().cdeWorkloads().size(),
                bySeverity,
                network.map(n -> n.intoCde().size()),
                network.map(n -> n.outOfCde().size()),
                network.map(n -> n.exposedCde().size()),
                audit.map(a -> a.flows().blockedEvents()),
                audit.map(a -> a.flows().allowedEvents()),
                integrity,
                byStatus);
    }

    /** The summary paragraph: why the set is (not) compliant, in the words of the requirements table. */
    private static String reasons(List<RequirementResult> failing, Map<String, Long> byStatus) {
        long evidenced = byStatus.getOrDefault(Status.EVIDENCED.key(), 0L);
        long notAssessed = byStatus.getOrDefault(Status.NOT_ASSESSED.key(), 0L);
        String scope = notAssessed + " requirements are outside what this tool can assess and need other evidence.";
        if (failing.isEmpty()) {
            return "COMPLIANT within what this tool assesses: " + evidenced
                    + " requirements are evidenced and none has a finding. " + scope;
        }
        StringBuilder text = new StringBuilder("NON-COMPLIANT: ")
                .append(failing.size())
                .append(failing.size() == 1 ? " requirement has" : " requirements have")
                .append(" findings. ");
        for (int i = 0; i < Math.min(REASONS_NAMED, failing.size()); i++) {
            RequirementResult r = failing.get(i);
            text.append(r.id()).append(" (").append(r.title()).append("): ").append(r.evidence());
            text.append(' ');
        }
        if (failing.size() > REASONS_NAMED) {
            text.append("And ").append(failing.size() - REASONS_NAMED).append(" more in the requirements table. ");
        }
        return text.append(evidenced)
                .append(" requirements are evidenced. ")
                .append(scope)
                .toString();
    }

    private static List<PolicyEntry> policies(ReportInputs inputs) {
        ValidationResult validation = inputs.validation();
        List<PolicyEntry> entries = new ArrayList<>();
        for (Policy policy : validation.policySet().policies()) {
            PolicyOrigin origin = new PolicyOrigin(policy.displayName(), policy.span());
            Set<String> protects = new LinkedHashSet<>();
            for (HostRules host : inputs.ruleSet().hosts()) {
                for (Direction direction : Direction.values()) {
                    if (host.direction(direction).restrictedBy().contains(origin)) {
                        protects.add(host.workload().name());
                    }
                }
            }
            Set<AllowEntry> allows = new LinkedHashSet<>();
            for (Rule rule : inputs.ruleSet().rules()) {
                if (rule.origin().policy().equals(policy.displayName())
                        && rule.origin().span().file().equals(policy.span().file())) {
                    allows.add(new AllowEntry(
                            rule.direction().sectionField(),
                            rule.peer().toString(),
                            rule.protocol().lowerName(),
                            rule.ports().toString(),
                            rule.origin().span().toString()));
                }
            }
            List<String> restricts = new ArrayList<>();
            for (Direction direction : Direction.values()) {
                if (policy.restricts(direction)) {
                    restricts.add(direction.sectionField());
                }
            }
            entries.add(new PolicyEntry(
                    policy.displayName(),
                    policy.span().toString(),
                    policy.description(),
                    policy.pciCitations(),
                    List.copyOf(protects),
                    restricts,
                    List.copyOf(allows),
                    validation.findingsFor(policy).stream()
                            .map(ReportBuilder::entry)
                            .toList()));
        }
        return entries;
    }

    private static List<WorkloadEntry> workloads(ReportInputs inputs) {
        List<WorkloadEntry> entries = new ArrayList<>();
        for (HostRules host : inputs.ruleSet().hosts()) {
            Workload workload = host.workload();
            entries.add(new WorkloadEntry(
                    workload.name(),
                    workload.addresses().stream().map(Cidr::toString).toList(),
                    workload.labels(),
                    workload.isCde(),
                    control(host.ingress()),
                    control(host.egress())));
        }
        return entries;
    }

    private static DirectionControl control(DirectionRules side) {
        return new DirectionControl(
                side.restricted(),
                side.restrictedBy().stream()
                        .map(PolicyOrigin::policy)
                        .distinct()
                        .toList(),
                side.allows().size());
    }
}
