package org.pcisegment.report;

import java.time.Instant;
import java.util.Optional;
import org.pcisegment.core.analysis.Reachability;
import org.pcisegment.core.ir.RuleSet;
import org.pcisegment.core.pci.ValidationResult;
import org.pcisegment.report.ComplianceReport.Changes;
import org.pcisegment.report.trail.AuditTrailEvidence;

/**
 * What a report is built from. The validation result carries the policy set (policies, inventory,
 * files, hash); the rule set is its compilation; the reachability is the analysis of that rule set (absent when
 * no inventory was given); the audit
 * evidence from the audit log; {@code generatedAt} from an injectable clock, so that tests control
 * the only volatile field.
 */
public record ReportInputs(
        ValidationResult validation,
        RuleSet ruleSet,
        Optional<Reachability> reachability,
        Optional<AuditTrailEvidence> audit,
        Optional<Changes> changes,
        Period period,
        ReportType type,
        String toolVersion,
        Instant generatedAt) {}
