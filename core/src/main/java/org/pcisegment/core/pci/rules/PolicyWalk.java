package org.pcisegment.core.pci.rules;

import java.util.List;
import org.pcisegment.core.policy.Peer;
import org.pcisegment.core.policy.Policy;
import org.pcisegment.core.policy.PolicyRule;
import org.pcisegment.core.policy.PortSpec;

/** Visits the parts of policies that several rules inspect. */
final class PolicyWalk {
    private PolicyWalk() {}

    interface IpBlockVisitor {
        void visit(Policy policy, PolicyRule rule, Peer.IpBlock block);
    }

    interface PortVisitor {
        void visit(Policy policy, PolicyRule rule, PortSpec port);
    }

    static void ipBlocks(List<Policy> policies, IpBlockVisitor visitor) {
        for (Policy policy : policies) {
            for (PolicyRule rule : policy.allRules()) {
                for (Peer peer : rule.peers()) {
                    if (peer instanceof Peer.IpBlock block) {
                        visitor.visit(policy, rule, block);
                    }
                }
            }
        }
    }

    static void ports(List<Policy> policies, PortVisitor visitor) {
        for (Policy policy : policies) {
            for (PolicyRule rule : policy.allRules()) {
                for (PortSpec port : rule.ports()) {
                    visitor.visit(policy, rule, port);
                }
            }
        }
    }
}
