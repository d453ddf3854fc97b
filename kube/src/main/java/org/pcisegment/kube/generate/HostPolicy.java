package org.pcisegment.kube.generate;

import java.util.List;
import java.util.Set;
import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.ir.PolicyOrigin;
import org.pcisegment.core.policy.Direction;

/**
 * What one inventory workload enforces, from the compiled rule set: the directions some policy
 * restricts (default deny) and the rules that allow, with the source policies that produced them.
 */
public record HostPolicy(
        Workload subject,
        Set<Direction> restricted,
        List<HostRule> ingress,
        List<HostRule> egress,
        List<PolicyOrigin> sources) {

    public HostPolicy {
        restricted = Set.copyOf(restricted);
        ingress = List.copyOf(ingress);
        egress = List.copyOf(egress);
        sources = List.copyOf(sources);
    }

    public List<HostRule> rules(Direction direction) {
        return direction == Direction.INGRESS ? ingress : egress;
    }

    public String name() {
        return subject.name();
    }
}
