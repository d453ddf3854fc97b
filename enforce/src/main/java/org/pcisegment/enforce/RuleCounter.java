package org.pcisegment.enforce;

import org.pcisegment.core.ir.Action;
import org.pcisegment.core.policy.Direction;

/**
 * The traffic one rule has matched since it was installed. {@code rule} is the policy rule
 * ("cde-database-access ingress[0]") for allows, or the built-in ("default deny", "management",
 * "return traffic of allowed connections") it counts for.
 */
public record RuleCounter(Direction direction, String rule, Action action, long packets, long bytes) {

    public RuleCounter {
        if (packets < 0 || bytes < 0) {
            throw new IllegalArgumentException("counters are never negative");
        }
    }
}
