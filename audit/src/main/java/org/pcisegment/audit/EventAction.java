package org.pcisegment.audit;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every kind of event the audit trail records: its {@code event.action} name, the ECS
 * categorisation a SIEM files it under, the subject it must carry, and whether it may be batched.
 */
public enum EventAction {
    POLICY_VALIDATED(Family.POLICY, "event", List.of("configuration"), List.of("info"), Subject.PolicyChange.class),
    POLICY_APPLIED(Family.POLICY, "event", List.of("configuration"), List.of("creation"), Subject.PolicyChange.class),
    POLICY_CHANGED(Family.POLICY, "event", List.of("configuration"), List.of("change"), Subject.PolicyChange.class),
    POLICY_REMOVED(Family.POLICY, "event", List.of("configuration"), List.of("deletion"), Subject.PolicyChange.class),

    ENFORCEMENT_STARTED(Family.ENFORCEMENT, "event", List.of("host"), List.of("start"), Subject.Enforcement.class),
    ENFORCEMENT_STOPPED(Family.ENFORCEMENT, "event", List.of("host"), List.of("end"), Subject.Enforcement.class),
    ENFORCEMENT_FAILED(Family.ENFORCEMENT, "event", List.of("host"), List.of("change"), Subject.Enforcement.class),

    FLOW_DENIED(Family.FLOW, "event", List.of("network"), List.of("connection", "denied"), Subject.NetworkFlow.class),
    FLOW_ALLOWED(Family.FLOW, "event", List.of("network"), List.of("connection", "allowed"), Subject.NetworkFlow.class),

    CLOUD_CHANGED(Family.CLOUD, "event", List.of("configuration"), List.of("change"), Subject.CloudChange.class),

    SEGMENTATION_TESTED(Family.SEGTEST, "event", List.of("network"), List.of("info"), Subject.SegmentationTest.class),

    AUDIT_LOG_STARTED(Family.AUDIT, "event", List.of("process"), List.of("start"), Subject.LogState.class),
    AUDIT_LOG_STOPPED(Family.AUDIT, "event", List.of("process"), List.of("end"), Subject.LogState.class),
    AUDIT_LOG_ROTATED(Family.AUDIT, "event", List.of("file"), List.of("creation"), Subject.LogState.class),
    AUDIT_LOG_VERIFIED(Family.AUDIT, "event", List.of("file"), List.of("info"), Subject.LogState.class),
    AUDIT_CHECKPOINT(Family.AUDIT, "event", List.of("file"), List.of("info"), Subject.Checkpoint.class),
    AUDIT_TORN_RECORD_SEALED(Family.AUDIT, "event", List.of("file"), List.of("change"), Subject.TornRecords.class),
    AUDIT_RETENTION_APPLIED(Family.AUDIT, "event", List.of("file"), List.of("deletion"), Subject.Retention.class),
    /** The writer found, on opening, that records the signed anchor vouches for are gone or changed. */
    AUDIT_INTEGRITY_FAILURE(Family.AUDIT, "alert", List.of("file"), List.of("change"), Subject.LogState.class);

    /** Groups of actions, for {@code audit query --type}. */
    public enum Family {
        POLICY,
        ENFORCEMENT,
        FLOW,
        CLOUD,
        SEGTEST,
        AUDIT;

        public String lowerName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Family family;
    private final String kind;
    private final List<String> categories;
    private final List<String> types;
    private final Class<? extends Subject> subjectType;
    private final String actionName;

    EventAction(
            Family family,
            String kind,
            List<String> categories,
            List<String> types,
            Class<? extends Subject> subjectType) {
        this.family = family;
        this.kind = kind;
        this.categories = categories;
        this.types = types;
        this.subjectType = subjectType;
        this.actionName = name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The ECS {@code event.action} value, e.g. "policy-applied". */
    public String actionName() {
        return actionName;
    }

    public Family family() {
        return family;
    }

    /** ECS {@code event.kind}: "event", or "alert" for integrity failures. */
    public String ecsKind() {
        return kind;
    }

    /** ECS {@code event.category} values. */
    public List<String> ecsCategories() {
        return categories;
    }

    /** ECS {@code event.type} values. */
    public List<String> ecsTypes() {
        return types;
    }

    public Class<? extends Subject> subjectType() {
        return subjectType;
    }

    /**
     * Flow events arrive at kernel rates and may be batched (on disk within the configured delay);
     * every other event is a security event and is on disk before {@code record} returns.
     */
    public boolean batchable() {
        return family == Family.FLOW;
    }

    public static Optional<EventAction> fromActionName(String name) {
        for (EventAction action : values()) {
            if (action.actionName.equals(name)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
