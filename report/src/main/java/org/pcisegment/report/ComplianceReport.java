package org.pcisegment.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pcisegment.report.trail.AuditTrailEvidence;

/**
 * Everything a report says, built once from the inputs (policies, inventory, compiled rule set,
 * findings, analysis, audit log, catalogue). The HTML, JSON and PDF writers only lay it out: no
 * writer computes a figure of its own.
 */
public record ComplianceReport(
        Meta meta,
        Summary summary,
        List<PolicyEntry> policies,
        List<WorkloadEntry> workloads,
        Optional<NetworkView> network,
        Optional<Changes> changes,
        Optional<AuditTrailEvidence> audit,
        List<RequirementResult> requirements) {

    public ComplianceReport {
        policies = List.copyOf(policies);
        workloads = List.copyOf(workloads);
        requirements = List.copyOf(requirements);
    }

    /** The same report with a changes section (set once the report itself can be compared). */
    public ComplianceReport withChanges(Changes newChanges) {
        return new ComplianceReport(
                meta, summary, policies, workloads, network, Optional.of(newChanges), audit, requirements);
    }

    /** Identification of the report: what, when, on which inputs, by which tool. */
    public record Meta(
            ReportType type,
            Instant generatedAt,
            Period period,
            String toolVersion,
            String standard,
            String policySetSha256,
            String ruleSetSha256,
            List<String> policyFiles,
            Optional<String> auditDirectory) {
        public Meta {
            policyFiles = List.copyOf(policyFiles);
        }
    }

    /** Whether the set is compliant, why, and the headline figures. */
    public record Summary(
            boolean compliant,
            String reasons,
            int policies,
            int workloads,
            int cdeWorkloads,
            Map<String, Long> findingsBySeverity,
            Optional<Integer> flowsIntoCde,
            Optional<Integer> flowsOutOfCde,
            Optional<Integer> internetExposedCde,
            Optional<Long> blockedEvents,
            Optional<Long> allowedEvents,
            String auditIntegrity,
            Map<String, Long> requirementsByStatus) {
        public Summary {
            findingsBySeverity = Map.copyOf(findingsBySeverity);
            requirementsByStatus = Map.copyOf(requirementsByStatus);
        }

        /** "COMPLIANT" or "NON-COMPLIANT". */
        public String status() {
            return compliant ? "COMPLIANT" : "NON-COMPLIANT";
        }
    }

    /** A finding as a report prints it. */
    public record FindingEntry(
            String ruleId, String requirement, String severity, String message, String location, String remediation) {}

    /** One allow rule of a policy: direction, peers, protocol, ports, and where it is written. */
    public record AllowEntry(String direction, String peers, String protocol, String ports, String location) {}

    /** Per policy: what it protects, what it allows, the requirements it cites, its findings. */
    public record PolicyEntry(
            String name,
            String location,
            Optional<String> description,
            List<String> citations,
            List<String> protects,
            List<String> restricts,
            List<AllowEntry> allows,
            List<FindingEntry> findings) {
        public PolicyEntry {
            citations = List.copyOf(citations);
            protects = List.copyOf(protects);
            restricts = List.copyOf(restricts);
            allows = List.copyOf(allows);
            findings = List.copyOf(findings);
        }
    }

    /** Per inventory workload: its addresses, labels, CDE scope and the controls on each direction. */
    public record WorkloadEntry(
            String name,
            List<String> addresses,
            Map<String, String> labels,
            boolean cde,
            DirectionControl ingress,
            DirectionControl egress) {
        public WorkloadEntry {
            addresses = List.copyOf(addresses);
            labels = Map.copyOf(labels);
        }
    }

    /** One direction of a workload: restricted or open, by which policies, with how many allow rules. */
    public record DirectionControl(boolean restricted, List<String> policies, int allowRules) {
        public DirectionControl {
            policies = List.copyOf(policies);
        }
    }

    /** What changed against a previous report or policy version. */
    public record Changes(String against, List<String> added, List<String> removed, List<String> notes) {
        public Changes {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
            notes = List.copyOf(notes);
        }
    }

    /** The status of one catalogue requirement, the evidence in a sentence, and the findings behind it. */
    public record RequirementResult(
            String id,
            String title,
            int depth,
            boolean section,
            Status status,
            String evidence,
            List<String> evidenceSources,
            List<FindingEntry> findings) {
        public RequirementResult {
            evidenceSources = List.copyOf(evidenceSources);
            findings = List.copyOf(findings);
        }
    }
}
