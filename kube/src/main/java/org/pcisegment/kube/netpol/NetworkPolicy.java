package org.pcisegment.kube.netpol;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.core.policy.LabelSelector;
import org.pcisegment.core.source.SourceSpan;

/**
 * A {@code networking.k8s.io/v1} NetworkPolicy with its {@code policyTypes} already defaulted the
 * way the API server does: Ingress, plus Egress when the policy has egress rules.
 */
public record NetworkPolicy(
        String namespace,
        String name,
        LabelSelector podSelector,
        Set<Direction> policyTypes,
        List<NetpolRule> ingress,
        List<NetpolRule> egress,
        SourceSpan span) {

    public NetworkPolicy {
        policyTypes = policyTypes.isEmpty() ? EnumSet.noneOf(Direction.class) : EnumSet.copyOf(policyTypes);
        ingress = List.copyOf(ingress);
        egress = List.copyOf(egress);
    }

    public List<NetpolRule> rules(Direction direction) {
        return direction == Direction.INGRESS ? ingress : egress;
    }

    public String qualifiedName() {
        return namespace + "/" + name;
    }
}
