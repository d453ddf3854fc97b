package org.pcisegment.kube.check.rules;

import org.pcisegment.core.policy.Direction;
import org.pcisegment.kube.calico.CalicoPolicy;
import org.pcisegment.kube.calico.CalicoRule;
import org.pcisegment.kube.calico.CalicoSelector;
import org.pcisegment.kube.check.CheckContext;
import org.pcisegment.kube.model.ClusterNamespace;
import org.pcisegment.kube.netpol.NetworkPolicy;

/**
 * Whether a namespace has a default-deny for one direction: a policy that selects every pod of the
 * namespace, now and later, restricts the direction and allows nothing in it.
 */
final class DefaultDeny {
    private DefaultDeny() {}

    static boolean present(CheckContext context, ClusterNamespace namespace, Direction direction) {
        for (NetworkPolicy policy : context.cluster().networkPolicies()) {
            if (policy.namespace().equals(namespace.name())
                    && policy.podSelector().selectsEverything()
                    && policy.policyTypes().contains(direction)
                    && policy.rules(direction).isEmpty()) {
                return true;
            }
        }
        for (CalicoPolicy policy : context.cluster().calicoPolicies()) {
            if (coversNamespace(policy, namespace)
                    && policy.types().contains(direction)
                    && policy.rules(direction).stream().allMatch(r -> r.action() == CalicoRule.Action.Deny)) {
                return true;
            }
        }
        return false;
    }

    private static boolean coversNamespace(CalicoPolicy policy, ClusterNamespace namespace) {
        CalicoSelector selector = policy.selector();
        boolean wholeNamespace = selector instanceof CalicoSelector.All
                || (selector instanceof CalicoSelector.Compare compare
                        && compare.key().equals("projectcalico.org/namespace")
                        && compare.operator() == CalicoSelector.Compare.Operator.EQUALS
                        && compare.values().equals(java.util.List.of(namespace.name())));
        if (!wholeNamespace) {
            return false;
        }
        if (policy.namespace().isPresent()) {
            return policy.namespace().get().equals(namespace.name());
        }
        java.util.Map<String, String> labels = new java.util.LinkedHashMap<>(namespace.labels());
        labels.put("projectcalico.org/name", namespace.name());
        return policy.namespaceSelector().map(s -> s.matches(labels)).orElse(true);
    }
}
