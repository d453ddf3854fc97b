package org.pcisegment.kube.analysis;

import java.util.BitSet;

/**
 * A rule reduced to sets: the peers it matches (pods first, then outside blocks, by index), the
 * pods of the policy it applies to (Calico rules may narrow their own side), the traffic it
 * matches and what it does with it.
 */
record CompiledRule(RuleAction action, BitSet peers, BitSet localPods, ServiceMatch services, String origin) {

    /** What a rule does with traffic it matches; Kubernetes rules only allow. */
    enum RuleAction {
        ALLOW,
        DENY,
        PASS,
        LOG
    }
}
