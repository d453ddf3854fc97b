package org.pcisegment.enforce;

import java.util.Optional;
import org.pcisegment.audit.AuditEvent;
import org.pcisegment.audit.AuditException;
import org.pcisegment.audit.AuditSink;
import org.pcisegment.audit.EventAction;
import org.pcisegment.audit.Outcome;
import org.pcisegment.audit.Subject;
import org.pcisegment.core.load.PolicySet;

/**
 * Runs a backend's changes with the audit trail, the same way for every backend: each install,
 * change, removal and failure is recorded before it is reported, and a change that cannot be
 * recorded is undone (not recorded means not done).
 */
public final class Enforcement {
    /** Stands for the hash of a ruleset whose metadata was unreadable (events require a hash). */
    private static final String UNKNOWN_HASH = "0".repeat(64);

    private final Enforcer enforcer;
    private final AuditSink audit;

    public Enforcement(Enforcer enforcer, AuditSink audit) {
        this.enforcer = enforcer;
        this.audit = audit;
    }

    public Enforcer enforcer() {
        return enforcer;
    }

    /**
     * What applying {@code desired} would change against what is installed now.
     *
     * @throws EnforcementException when the installed state cannot be read (recorded as a failure)
     */
    public ChangePlan plan(DesiredState desired) {
        try {
            return enforcer.diff(desired, enforcer.installed());
        } catch (EnforcementException e) {
            recordFailure(
                    desired.workload().name(), Optional.of(desired.metadata().ruleSetSha256()), e);
            throw e;
        }
    }

    /**
     * Applies {@code desired} (compiled from {@code policySet}) and records the install or change.
     *
     * @throws EnforcementException when it could not be applied, verified or recorded; the failure
     *     is recorded too when the audit log can be written
     */
    public Applied apply(DesiredState desired, PolicySet policySet) {
        String host = desired.workload().name();
        Optional<String> hash = Optional.of(desired.metadata().ruleSetSha256());
        Applied applied;
        try {
            applied = enforcer.apply(desired);
        } catch (EnforcementException e) {
            recordFailure(host, hash, e);
            throw e;
        }
        AuditEvent event = applied.plan().previous().isPresent()
                ? changed(desired, policySet, applied.plan())
                : installed(desired, policySet, applied.plan());
        try {
            audit.record(event);
        } catch (AuditException e) {
            throw undo(applied.previous(), "the change", e);
        }
        return applied;
    }

    /**
     * Removes what pci-segment installed and records the removal (nothing is recorded when nothing
     * was installed).
     */
    public Removed disable() {
        Removed removed;
        try {
            removed = enforcer.disable();
        } catch (EnforcementException e) {
            recordFailure("", Optional.empty(), e);
            throw e;
        }
        if (removed.before() instanceof InstalledState.Present present) {
            AuditEvent event = AuditEvent.policyRemoved(
                    present.metadata().map(EnforcementMetadata::ruleSetSha256).orElse(UNKNOWN_HASH),
                    present.items().stream()
                            .flatMap(i -> i.policyName().stream())
                            .distinct()
                            .toList(),
                    enforcer.name());
            try {
                audit.record(event);
            } catch (AuditException e) {
                throw undo(removed.previous(), "the removal", e);
            }
        }
        return removed;
    }

    private EnforcementException undo(Snapshot previous, String what, AuditException cause) {
        try {
            enforcer.restore(previous);
        } catch (EnforcementException restoreFailure) {
            return new EnforcementException(
                    "the audit log cannot be written (" + cause.getMessage() + ") and undoing " + what + " failed too: "
                            + restoreFailure.getMessage(),
                    false,
                    cause);
        }
        return new EnforcementException(
                "the audit log cannot be written (" + cause.getMessage() + "); " + what + " was undone", true, cause);
    }

    private void recordFailure(String host, Optional<String> hash, EnforcementException failure) {
        AuditEvent event = AuditEvent.enforcementFailed(
                enforcer.name(), hash, String.valueOf(failure.getMessage()), failure.previousStateKept());
        try {
            audit.record(host.isEmpty() ? event : event.withLabel("host", host));
        } catch (AuditException e) {
            failure.addSuppressed(e);
        }
    }

    private AuditEvent installed(DesiredState desired, PolicySet policySet, ChangePlan plan) {
        return AuditEvent.of(
                        EventAction.POLICY_APPLIED,
                        Outcome.SUCCESS,
                        "rule set " + desired.metadata().shortHash() + " ("
                                + desired.policies().size()
                                + " policies, " + plan.added().size() + " items) applied to " + enforcer.name()
                                + " on " + desired.workload().name(),
                        subject(desired, policySet, Optional.empty()))
                .withLabel("host", desired.workload().name())
                .withLabel("policy_set_sha256", policySet.sha256());
    }

    private AuditEvent changed(DesiredState desired, PolicySet policySet, ChangePlan plan) {
        EnforcementMetadata previous = plan.previous().orElseThrow();
        Subject.PolicyDiff diff = new Subject.PolicyDiff(
                previous.ruleSetSha256(), plan.policiesAdded(), plan.policiesRemoved(), plan.policiesChanged());
        return AuditEvent.of(
                        EventAction.POLICY_CHANGED,
                        Outcome.SUCCESS,
                        "rule set " + previous.shortHash() + " replaced by "
                                + desired.metadata().shortHash()
                                + " on " + enforcer.name() + " on "
                                + desired.workload().name() + ": "
                                + diff.summary() + "; items " + plan.summary(),
                        subject(desired, policySet, Optional.of(diff)))
                .withLabel("host", desired.workload().name())
                .withLabel("policy_set_sha256", policySet.sha256());
    }

    private Subject.PolicyChange subject(DesiredState desired, PolicySet policySet, Optional<Subject.PolicyDiff> diff) {
        return new Subject.PolicyChange(
                desired.metadata().ruleSetSha256(),
                desired.policies(),
                policySet.files(),
                Optional.of(enforcer.name()),
                diff);
    }
}
