package org.pcisegment.cloud;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pcisegment.audit.AuditEvent;
import org.pcisegment.audit.AuditException;
import org.pcisegment.audit.AuditSink;
import org.pcisegment.audit.Outcome;
import org.pcisegment.audit.Subject;

/**
 * Carries out a plan step by step, in order, writing an audit event for every step (success or
 * failure) before going on. The first failure stops the run: later steps may depend on it (a rule
 * on a group whose creation failed), and the report lists exactly what was and was not applied.
 */
public final class Applier {
    private Applier() {}

    public static ApplyReport apply(
            Plan plan,
            CloudProvider provider,
            GroupIds ids,
            AuditSink audit,
            CloudConfig config,
            String policySetSha256) {
        if (!plan.conflicts().isEmpty()) {
            throw new IllegalArgumentException("a blocked plan is never applied");
        }
        List<Change> applied = new ArrayList<>();
        List<Change> changes = plan.changes();
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            try {
                provider.apply(change, ids);
            } catch (RuntimeException e) {
                String reason = change.resource() + ": " + change.line() + ": " + firstLine(e);
                Optional<String> auditProblem = record(audit, config, policySetSha256, change, Outcome.FAILURE, reason);
                return new ApplyReport(
                        applied,
                        changes.subList(i, changes.size()),
                        Optional.of(reason
                                + auditProblem.map(p -> " (and " + p + ")").orElse("")));
            }
            applied.add(change);
            Optional<String> auditProblem = record(audit, config, policySetSha256, change, Outcome.SUCCESS, "");
            if (auditProblem.isPresent()) {
                return new ApplyReport(
                        applied,
                        changes.subList(i + 1, changes.size()),
                        Optional.of(change.resource() + ": " + change.line() + " was applied but " + auditProblem.get()
                                + "; stopped before the next change"));
            }
        }
        return new ApplyReport(applied, List.of(), Optional.empty());
    }

    private static Optional<String> record(
            AuditSink audit, CloudConfig config, String policySetSha256, Change change, Outcome outcome, String error) {
        Subject.CloudChange subject = new Subject.CloudChange(
                config.provider().id(),
                config.auditAccount(),
                config.auditRegion(),
                List.of(change.resource()),
                Optional.of(policySetSha256));
        AuditEvent event = AuditEvent.cloudChanged(subject, outcome, change.resource() + ": " + change.line());
        if (outcome == Outcome.FAILURE) {
            event = event.withError(error);
        }
        try {
            audit.record(event);
            return Optional.empty();
        } catch (AuditException e) {
            return Optional.of("its audit event could not be written: " + e.getMessage());
        }
    }

    /** The first line of an exception's message (SDK messages may carry whole response bodies). */
    public static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
