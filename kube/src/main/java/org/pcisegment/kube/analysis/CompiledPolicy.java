package org.pcisegment.kube.analysis;

import java.util.BitSet;
import java.util.List;
import java.util.Set;
import org.pcisegment.core.policy.Direction;

/**
 * A policy of either dialect, ready for evaluation: its tier rank and order (Kubernetes
 * NetworkPolicies sit in Calico's default tier at order 1000, as Calico places them), the pods it
 * applies to and its rules per direction.
 */
record CompiledPolicy(
        int tierRank,
        String tier,
        double order,
        String name,
        BitSet subjects,
        Set<Direction> types,
        List<CompiledRule> ingress,
        List<CompiledRule> egress) {

    List<CompiledRule> rules(Direction direction) {
        return direction == Direction.INGRESS ? ingress : egress;
    }
}
