package org.pcisegment.report.catalogue;

import java.util.Locale;
import java.util.Optional;

/**
 * How the report decides the status of one requirement. The catalogue (data) says which rule applies
 * to which requirement; {@code RequirementEvaluator} holds the logic of each rule.
 */
public enum StatusRule {
    /** A principal requirement or group: its status rolls up from its items. */
    SECTION,
    /** Outside what this tool can see; the catalogue gives the reason. */
    NOT_ASSESSED,
    POLICY_VALIDATION,
    CHANGE_CONTROL,
    NETWORK_DIAGRAM,
    DATA_FLOW_DIAGRAM,
    RUNNING_CONFIGURATION,
    CDE_INBOUND,
    CDE_OUTBOUND,
    INTERNET_EXPOSURE,
    AUDIT_ENABLED,
    AUDIT_ADMIN_ACTIONS,
    AUDIT_LOG_LIFECYCLE,
    AUDIT_SYSTEM_OBJECTS,
    AUDIT_RECORD_FIELDS,
    AUDIT_ACCESS,
    AUDIT_INTEGRITY,
    AUDIT_RETENTION,
    FAILURE_DETECTION,
    SEGMENTATION_TEST_YEARLY,
    SEGMENTATION_TEST_SIX_MONTHLY;

    /** The name used in the catalogue file, e.g. "policy-validation". */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<StatusRule> fromKey(String key) {
        for (StatusRule rule : values()) {
            if (rule.key().equals(key)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }
}
