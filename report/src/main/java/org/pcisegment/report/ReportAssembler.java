package org.pcisegment.report;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.pcisegment.audit.AuditLocation;
import org.pcisegment.core.analysis.Reachability;
import org.pcisegment.core.analysis.ReachabilityAnalyzer;
import org.pcisegment.core.analysis.ReachabilityDiffer;
import org.pcisegment.core.ir.PolicyCompiler;
import org.pcisegment.core.ir.RuleSet;
import org.pcisegment.core.load.PolicySet;
import org.pcisegment.core.load.PolicySetLoader;
import org.pcisegment.core.pci.ValidationResult;
import org.pcisegment.core.pci.Validator;
import org.pcisegment.report.trail.AuditEvidenceLoader;
import org.pcisegment.report.trail.AuditTrailEvidence;

/**
 * Runs every step a report needs, once: validate, compile, analyse (valid sets with an inventory
 * only), read and verify the audit log, compare with a previous version, then build the model.
 */
public final class ReportAssembler {
    /** The period a report covers when --since is not given: the quarter before its end. */
    public static final Duration DEFAULT_PERIOD = Duration.ofDays(90);

    private ReportAssembler() {}

    /** What to compare the report with. */
    public sealed interface Previous {
        /** An earlier JSON report of ours. */
        record Report(Path file) implements Previous {}

        /** An earlier version of the policies, analysed with the same inventory. */
        record Policies(List<String> paths, List<String> inventories) implements Previous {}
    }

    /** What the command line asked for. */
    public record Request(
            PolicySet policySet,
            Optional<AuditLocation> audit,
            Optional<Instant> since,
            Optional<Instant> until,
            Optional<Previous> previous,
            ReportType type,
            String toolVersion,
            Instant now) {}

    public static ComplianceReport assemble(Request request) {
        PolicySet set = request.policySet();
        ValidationResult validation = Validator.validate(set);
        RuleSet ruleSet = PolicyCompiler.compile(set);
        Optional<Reachability> reachability =
                analysable(validation) ? Optional.of(ReachabilityAnalyzer.analyze(ruleSet)) : Optional.empty();
        Instant until = request.until().orElse(request.now());
        Period period = new Period(request.since().orElse(until.minus(DEFAULT_PERIOD)), until);
        Optional<AuditTrailEvidence> audit =
                request.audit().map(location -> AuditEvidenceLoader.load(location, period));
        Optional<ComplianceReport.Changes> policyChanges = Optional.empty();
        if (request.previous().orElse(null) instanceof Previous.Policies old) {
            PolicySet oldSet = PolicySetLoader.load(old.paths(), old.inventories());
            ValidationResult oldValidation = Validator.validate(oldSet);
            if (reachability.isPresent() && analysable(oldValidation)) {
                policyChanges = Optional.of(AnalysisView.changes(
                        "policy set " + oldSet.shortHash() + " (" + String.join(", ", old.paths()) + ")",
                        ReachabilityDiffer.diff(
                                ReachabilityAnalyzer.analyze(PolicyCompiler.compile(oldSet)), reachability.get())));
            } else {
                policyChanges = Optional.of(new ComplianceReport.Changes(
                        "policy set " + oldSet.shortHash(),
                        List.of(),
                        List.of(),
                        List.of("Not compared: only valid policy sets with an inventory are analysed.")));
            }
        }
        ReportInputs inputs = new ReportInputs(
                validation,
                ruleSet,
                reachability,
                audit,
                policyChanges,
                period,
                request.type(),
                request.toolVersion(),
                request.now());
        ComplianceReport report = ReportBuilder.build(inputs);
        if (request.previous().orElse(null) instanceof Previous.Report old) {
            report = report.withChanges(PreviousReport.compare(old.file(), report));
        }
        return report;
    }

    /**
     * Only valid sets are analysed (as analyze does): invalid values compile to nothing, and the
     * reachability of a set an enforcer must refuse would be presented as the policy.
     */
    private static boolean analysable(ValidationResult validation) {
        return validation.isValid() && !validation.policySet().inventory().isEmpty();
    }
}
