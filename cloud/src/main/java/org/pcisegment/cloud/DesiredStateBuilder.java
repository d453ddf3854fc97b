package org.pcisegment.cloud;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pcisegment.core.ir.PolicyResolver;
import org.pcisegment.core.load.PolicySet;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.net.PortRange;
import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.PrefixSet;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.core.policy.Peer;
import org.pcisegment.core.policy.Policy;
import org.pcisegment.core.policy.PolicyRule;

/**
 * Reads each policy the way the IR compiler does ({@link PolicyResolver}: ipBlocks minus excepts,
 * podSelector peers as the addresses of the inventory workloads they select, ports per protocol)
 * and turns it into a {@link PolicyIntent}. The compiler's {@code RuleSet} is organised per
 * inventory workload; cloud groups are per policy and attach to cloud instances that the inventory
 * may not list, so the same resolver is applied per policy here. A test checks that the two agree
 * wherever the policy selects inventory workloads.
 */
public final class DesiredStateBuilder {
    private DesiredStateBuilder() {}

    public static List<PolicyIntent> build(PolicySet policySet) {
        PolicyResolver resolver = new PolicyResolver(policySet.inventory());
        List<PolicyIntent> intents = new ArrayList<>();
        for (Policy policy : policySet.policies()) {
            intents.add(intent(policy, resolver));
        }
        return intents;
    }

    private static PolicyIntent intent(Policy policy, PolicyResolver resolver) {
        Set<Direction> restricted = EnumSet.noneOf(Direction.class);
        List<PolicyIntent.Allow> allows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Direction direction : Direction.values()) {
            String field = direction.sectionField();
            if (!policy.restricts(direction)) {
                notes.add(field + " is not restricted by the policy: the group adds no " + field
                        + " rule, and the cloud denies what no attached group allows");
                continue;
            }
            restricted.add(direction);
            if (policy.rulesOf(direction).isEmpty()) {
                notes.add(field + " is restricted with no rule: the group allows no " + field);
            }
            for (PolicyRule rule : policy.rulesOf(direction)) {
                PrefixSet peers = resolver.addresses(rule);
                for (Peer peer : rule.peers()) {
                    if (peer instanceof Peer.Workloads workloads
                            && resolver.addresses(peer).isEmpty()) {
                        notes.add(rule.label() + ": podSelector '" + workloads.selector()
                                + "' matches no inventory workload with an address: it allows nothing"
                                + " (give --inventory)");
                    }
                }
                if (peers.isEmpty()) {
                    continue;
                }
                String origin = policy.displayName() + " " + rule.label();
                List<Cidr> cidrs = peers.toCidrs();
                for (Map.Entry<Protocol, PortSet> service :
                        PolicyResolver.services(rule).entrySet()) {
                    for (PortRange range : service.getValue().ranges()) {
                        for (Cidr cidr : cidrs) {
                            allows.add(new PolicyIntent.Allow(direction, service.getKey(), range, cidr, origin));
                        }
                    }
                }
            }
        }
        return new PolicyIntent(policy.displayName(), policy.podSelector(), restricted, allows, notes);
    }
}
