package org.pcisegment.report.trail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pcisegment.audit.AuditEvent;
import org.pcisegment.audit.AuditRecord;
import org.pcisegment.audit.EventAction;
import org.pcisegment.audit.Subject;
import org.pcisegment.audit.VerifyReport;
import org.pcisegment.report.Period;

/**
 * What the audit log proves for a report: its integrity, the data-plane events of the period, the
 * policy change history, segmentation tests, recorded control failures, the log's own lifecycle and
 * retention runs, and who may read its files. Built once from the records and the verify result;
 * every number a report prints about the log comes from here.
 *
 * @param directory the log directory
 * @param integrity the verifier's result over the whole log
 * @param access problems with the permissions of the log directory and files (empty: none)
 * @param records records read up to the end of the period
 * @param recordsInPeriod of those, records inside the period
 * @param firstRecord time of the oldest record still in the log
 * @param lastRecord time of the newest record up to the end of the period
 * @param flows data-plane events inside the period
 * @param policyChanges policy applied / changed / removed events inside the period, oldest first
 * @param lastInstalled the policy change that decides what is installed now (the latest applied or
 *     changed or removed event up to the end of the period, whatever the period's start)
 * @param segmentationTests every segmentation test up to the end of the period, oldest first
 * @param failures enforcement failures and integrity alerts inside the period
 * @param enforcementUnrecovered true when the latest enforcement event up to the end of the period
 *     is a failure that no later successful application or start followed
 * @param logStarts audit-log-started events up to the end of the period
 * @param logStops audit-log-stopped events up to the end of the period
 * @param retentionRuns retention runs recorded up to the end of the period
 * @param incompleteUserChanges policy changes in the period whose user is unknown
 */
public record AuditTrailEvidence(
        String directory,
        Integrity integrity,
        List<String> access,
        long records,
        long recordsInPeriod,
        Optional<Instant> firstRecord,
        Optional<Instant> lastRecord,
        FlowCounts flows,
        List<PolicyChange> policyChanges,
        Optional<PolicyChange> lastInstalled,
        List<SegmentationTestRun> segmentationTests,
        List<ControlFailure> failures,
        boolean enforcementUnrecovered,
        long logStarts,
        long logStops,
        List<RetentionRun> retentionRuns,
        long incompleteUserChanges) {

    /** The verifier's verdict in the terms of a report. */
    public record Integrity(boolean intact, String summary, long records, int checkpoints) {
        public static Integrity of(VerifyReport report) {
            return new Integrity(report.intact(), report.summary(), report.records(), report.checkpoints());
        }
    }

    /** A retention run: when, and which files it deleted. */
    public record RetentionRun(Instant time, List<String> deleted, List<String> compressed) {
        public RetentionRun {
            deleted = List.copyOf(deleted);
            compressed = List.copyOf(compressed);
        }
    }

    public AuditTrailEvidence {
        access = List.copyOf(access);
        policyChanges = List.copyOf(policyChanges);
        segmentationTests = List.copyOf(segmentationTests);
        failures = List.copyOf(failures);
        retentionRuns = List.copyOf(retentionRuns);
    }

    /**
     * Summarises the records of a log (in chain order, as the audit reader returns them) for a period.
     * Records after the period's end are ignored: a report on a past period shows the log as it was.
     */
    public static AuditTrailEvidence of(
            String directory, VerifyReport verify, List<String> access, Iterable<AuditRecord> log, Period period) {
        long records = 0;
        long inPeriod = 0;
        Instant first = null;
        Instant last = null;
        long blocked = 0;
        long blockedPackets = 0;
        long allowed = 0;
        long allowedPackets = 0;
        List<PolicyChange> changes = new ArrayList<>();
        PolicyChange installed = null;
        List<SegmentationTestRun> tests = new ArrayList<>();
        List<ControlFailure> failures = new ArrayList<>();
        boolean unrecovered = false;
        long starts = 0;
        long stops = 0;
        long unknownUsers = 0;
        List<RetentionRun> retention = new ArrayList<>();
        for (AuditRecord record : log) {
            AuditEvent event = record.event();
            Instant time = event.timestamp();
            if (!time.isBefore(period.until())) {
                continue;
            }
            records++;
            first = first == null || time.isBefore(first) ? time : first;
            last = last == null || time.isAfter(last) ? time : last;
            boolean inside = period.contains(time);
            inPeriod += inside ? 1 : 0;
            switch (event.subject()) {
                case Subject.NetworkFlow flow
                when inside -> {
                    if (event.action() == EventAction.FLOW_DENIED) {
                        blocked++;
                        blockedPackets += flow.packets();
                    } else {
                        allowed++;
                        allowedPackets += flow.packets();
                    }
                }
                case Subject.PolicyChange change
                when event.action() != EventAction.POLICY_VALIDATED -> {
                    PolicyChange entry = policyChange(event, change);
                    if (event.outcome() == org.pcisegment.audit.Outcome.SUCCESS) {
                        installed = entry;
                        unrecovered = false;
                    }
                    if (inside) {
                        changes.add(entry);
                        unknownUsers += "unknown".equals(event.user().name()) ? 1 : 0;
                    }
                }
                case Subject.SegmentationTest test ->
                    tests.add(new SegmentationTestRun(
                            time, event.user().name(), test.probes(), test.failures(), test.policySetSha256()));
                case Subject.Enforcement enforcement -> {
                    if (event.action() == EventAction.ENFORCEMENT_FAILED) {
                        unrecovered = true;
                        if (inside) {
                            failures.add(failure(event));
                        }
                    } else if (event.action() == EventAction.ENFORCEMENT_STARTED) {
                        unrecovered = false;
                    }
                }
                case Subject.LogState state -> {
                    if (event.action() == EventAction.AUDIT_LOG_STARTED) {
                        starts++;
                    } else if (event.action() == EventAction.AUDIT_LOG_STOPPED) {
                        stops++;
                    } else if (inside && event.action() == EventAction.AUDIT_INTEGRITY_FAILURE) {
                        failures.add(failure(event));
                    }
                }
                case Subject.Retention run -> retention.add(new RetentionRun(time, run.deleted(), run.compressed()));
                default -> {
                    // Cloud changes, checkpoints and sealed torn lines carry no report figure.
                }
            }
        }
        return new AuditTrailEvidence(
                directory,
                Integrity.of(verify),
                access,
                records,
                inPeriod,
                Optional.ofNullable(first),
                Optional.ofNullable(last),
                new FlowCounts(blocked, blockedPackets, allowed, allowedPackets),
                changes,
                Optional.ofNullable(installed),
                tests,
                failures,
                unrecovered,
                starts,
                stops,
                retention,
                unknownUsers);
    }

    private static PolicyChange policyChange(AuditEvent event, Subject.PolicyChange change) {
        return new PolicyChange(
                event.timestamp(),
                event.action().actionName(),
                event.user().name(),
                event.host(),
                event.outcome().ecsName(),
                change.policySetSha256(),
                change.policies(),
                change.backend(),
                change.diff().map(Subject.PolicyDiff::summary));
    }

    private static ControlFailure failure(AuditEvent event) {
        return new ControlFailure(
                event.timestamp(), event.action().actionName(), event.host(), event.message(), event.error());
    }
}
