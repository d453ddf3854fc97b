package org.pcisegment.core.ir;

import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.policy.Direction;

/** Everything one workload enforces: its ingress and its egress. */
public record HostRules(Workload workload, DirectionRules ingress, DirectionRules egress) {

    public DirectionRules direction(Direction direction) {
        return direction == Direction.INGRESS ? ingress : egress;
    }
}
