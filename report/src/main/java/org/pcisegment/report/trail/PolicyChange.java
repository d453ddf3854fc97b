package org.pcisegment.report.trail;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One entry of the policy audit report: who applied, changed or removed which policy set, when,
 * where and with what result, as the audit log recorded it.
 */
public record PolicyChange(
        Instant time,
        String action,
        String user,
        String host,
        String outcome,
        String policySetSha256,
        List<String> policies,
        Optional<String> backend,
        Optional<String> diff) {

    public PolicyChange {
        policies = List.copyOf(policies);
    }
}
