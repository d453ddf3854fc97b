package org.pcisegment.core.ir;

import java.util.List;
import java.util.Optional;
import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.policy.Direction;

/**
 * What one end of a flow decides: the source judges its egress, the destination its ingress. A
 * flow is allowed when both ends allow it.
 */
public sealed interface SideDecision
        permits SideDecision.Outside, SideDecision.Unrestricted, SideDecision.Allowed, SideDecision.Denied {

    /** EGRESS at the source, INGRESS at the destination. */
    Direction direction();

    default boolean allows() {
        return !(this instanceof Denied);
    }

    /** The inventory workload at this end; empty for an address outside the inventory. */
    default Optional<Workload> workload() {
        return switch (this) {
            case Outside outside -> Optional.empty();
            case Unrestricted unrestricted -> Optional.of(unrestricted.subject());
            case Allowed allowed -> Optional.of(allowed.subject());
            case Denied denied -> Optional.of(denied.subject());
        };
    }

    /** The address is outside the inventory: nothing constrains this side. */
    record Outside(Direction direction) implements SideDecision {}

    /** No policy selecting the workload restricts this direction: everything is allowed. */
    record Unrestricted(Workload subject, Direction direction) implements SideDecision {}

    /**
     * The direction is restricted and these rules admit the flow: the first one in compile order
     * from {@code decide}, every one from {@code explain}.
     */
    record Allowed(Workload subject, Direction direction, List<Rule> rules) implements SideDecision {
        public Allowed {
            rules = List.copyOf(rules);
            if (rules.isEmpty()) {
                throw new IllegalArgumentException("an allowed side cites at least one rule");
            }
        }
    }

    /**
     * The direction is restricted by {@code restrictedBy} and none of the {@code rulesConsidered}
     * allow rules of that direction admits the flow.
     */
    record Denied(Workload subject, Direction direction, List<PolicyOrigin> restrictedBy, int rulesConsidered)
            implements SideDecision {
        public Denied {
            restrictedBy = List.copyOf(restrictedBy);
        }
    }
}
