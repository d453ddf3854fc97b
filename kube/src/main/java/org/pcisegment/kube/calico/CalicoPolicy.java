package org.pcisegment.kube.calico;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.core.source.SourceSpan;

/**
 * A {@code projectcalico.org/v3} NetworkPolicy (namespaced) or GlobalNetworkPolicy. Policies are
 * evaluated tier by tier; inside a tier by ascending {@code order} (policies without one come
 * last), then by name; inside a policy rule by rule, and the first Allow, Deny or Pass decides.
 */
public record CalicoPolicy(
        Optional<String> namespace,
        String name,
        String tier,
        OptionalDouble order,
        CalicoSelector selector,
        Optional<CalicoSelector> namespaceSelector,
        Set<Direction> types,
        List<CalicoRule> ingress,
        List<CalicoRule> egress,
        SourceSpan span) {

    public static final String DEFAULT_TIER = "default";

    public CalicoPolicy {
        types = types.isEmpty() ? EnumSet.noneOf(Direction.class) : EnumSet.copyOf(types);
        ingress = List.copyOf(ingress);
        egress = List.copyOf(egress);
    }

    public boolean isGlobal() {
        return namespace.isEmpty();
    }

    public List<CalicoRule> rules(Direction direction) {
        return direction == Direction.INGRESS ? ingress : egress;
    }

    /** "GlobalNetworkPolicy security.pci-whitelist" or "NetworkPolicy ns/name", for messages. */
    public String displayName() {
        return namespace.map(ns -> "NetworkPolicy " + ns + "/" + name).orElse("GlobalNetworkPolicy " + name);
    }
}
