package org.pcisegment.report;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.pcisegment.audit.AuditConfig;
import org.pcisegment.audit.AuditEvent;
import org.pcisegment.audit.AuditLocation;
import org.pcisegment.audit.AuditLog;
import org.pcisegment.audit.MutableClock;
import org.pcisegment.audit.Principal;
import org.pcisegment.audit.Subject;
import org.pcisegment.core.analysis.ReachabilityAnalyzer;
import org.pcisegment.core.ir.PolicyCompiler;
import org.pcisegment.core.ir.RuleSet;
import org.pcisegment.core.load.PolicySet;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.pci.ValidationResult;
import org.pcisegment.core.pci.Validator;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.report.trail.AuditEvidenceLoader;
import org.pcisegment.report.trail.AuditTrailEvidence;

/** Builds reports for tests from real inputs: policy sets, compiled rule sets, real audit logs. */
final class Reports {
    /** The fixed "now" of every test report: the end of the period and the generation time. */
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    static final Period PERIOD = new Period(Instant.parse("2026-08-01T00:00:00Z"), NOW);

    private Reports() {}

    static ComplianceReport build(PolicySet set, Optional<AuditTrailEvidence> audit, ReportType type) {
        return ReportBuilder.build(inputs(set, audit, type));
    }

    /** Inputs as the CLI builds them: validated, compiled, analysed when there is an inventory. */
    static ReportInputs inputs(PolicySet set, Optional<AuditTrailEvidence> audit, ReportType type) {
        ValidationResult validation = Validator.validate(set);
        RuleSet ruleSet = PolicyCompiler.compile(set);
        return new ReportInputs(
                validation,
                ruleSet,
                set.inventory().isEmpty() ? Optional.empty() : Optional.of(ReachabilityAnalyzer.analyze(ruleSet)),
                audit,
                Optional.empty(),
                PERIOD,
                type,
                "0.1.0-test",
                NOW);
    }

    /** What a test audit log holds; times are offsets before {@link #NOW}. */
    record LogContent(
            int blocked,
            int allowed,
            Optional<String> appliedSha256,
            boolean segmentationTestPassed,
            boolean withTest) {
        static LogContent of(int blocked, int allowed, PolicySet applied) {
            return new LogContent(blocked, allowed, Optional.of(applied.sha256()), true, true);
        }
    }

    /** Writes a real hash-chained audit log under {@code temp} and returns its location. */
    static AuditLocation writeLog(Path temp, LogContent content) {
        AuditLocation location = new AuditLocation(temp.resolve("audit"), temp.resolve("audit-key"));
        MutableClock clock = new MutableClock(NOW.minus(Duration.ofDays(30)));
        Principal operator = new Principal("alice", Principal.Kind.OS);
        try (AuditLog log = AuditLog.open(AuditConfig.at(location).withClock(clock))) {
            content.appliedSha256()
                    .ifPresent(sha -> log.record(stamp(
                            AuditEvent.of(
                                    org.pcisegment.audit.EventAction.POLICY_APPLIED,
                                    org.pcisegment.audit.Outcome.SUCCESS,
                                    "policy set applied to nft",
                                    new Subject.PolicyChange(
                                            sha,
                                            List.of("cde-isolation", "cde-payment-api"),
                                            List.of("examples/policies"),
                                            Optional.of("nft"),
                                            Optional.empty())),
                            clock.instant(),
                            operator)));
            for (int i = 0; i < content.blocked(); i++) {
                clock.advance(Duration.ofMinutes(1));
                log.recordBatched(stamp(AuditEvent.flowDenied(flow(40000 + i, 3)), clock.instant(), operator));
            }
            for (int i = 0; i < content.allowed(); i++) {
                clock.advance(Duration.ofMinutes(1));
                log.recordBatched(stamp(AuditEvent.flowAllowed(flow(50000 + i, 1)), clock.instant(), operator));
            }
            if (content.withTest()) {
                clock.advance(Duration.ofHours(1));
                List<String> failures = content.segmentationTestPassed()
                        ? List.of()
                        : List.of("10.0.2.10 -> 10.0.1.20:5432 expected DENY, observed ALLOW");
                log.record(stamp(
                        AuditEvent.segmentationTested(new Subject.SegmentationTest(12, failures, Optional.empty())),
                        clock.instant(),
                        operator));
            }
        }
        return location;
    }

    static AuditTrailEvidence evidence(AuditLocation location) {
        return AuditEvidenceLoader.load(location, PERIOD);
    }

    private static AuditEvent stamp(AuditEvent event, Instant time, Principal user) {
        return event.withTimestamp(time).withHost("pay-01").withUser(user);
    }

    private static Subject.NetworkFlow flow(int sourcePort, long packets) {
        return new Subject.NetworkFlow(
                IpAddress.parseOrThrow("10.0.2.10"),
                sourcePort,
                IpAddress.parseOrThrow("10.0.1.20"),
                5432,
                6,
                Direction.INGRESS,
                packets,
                Optional.empty(),
                Optional.empty());
    }
}
