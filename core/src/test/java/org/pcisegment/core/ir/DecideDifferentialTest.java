package org.pcisegment.core.ir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.load.PolicySet;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.core.policy.Policy;
import org.pcisegment.core.policy.PolicyRule;
import org.pcisegment.core.testing.RandomPolicySets;

/**
 * The indexed decide against the naive linear scan and against a reference that reads the
 * policies directly (Kubernetes semantics written down plainly), on random policy sets and flows.
 */
class DecideDifferentialTest {

    @Property(tries = 300)
    void indexedDecideEqualsLinearScanAndTheReference(@ForAll long seed) {
        RandomPolicySets random = new RandomPolicySets(seed);
        PolicySet policySet = random.policySet();
        RuleSet ruleSet = PolicyCompiler.compile(policySet);
        for (int i = 0; i < 300; i++) {
            Flow flow = random.flow();
            Verdict fast = ruleSet.decide(flow);

            assertThat(fast).as("%s", flow).isEqualTo(ruleSet.decideByLinearScan(flow));
            assertThat(fast.allowed()).as("reference for %s", flow).isEqualTo(reference(policySet, flow));
            Verdict explained = ruleSet.explain(flow);
            assertThat(explained.action()).isEqualTo(fast.action());
            assertThat(explained.matchedRules()).containsAll(fast.matchedRules());
        }
    }

    /** Allowed iff each inventory end's direction is unrestricted or some selecting policy's rule admits it. */
    private static boolean reference(PolicySet policySet, Flow flow) {
        return sideAllows(policySet, flow, Direction.EGRESS) && sideAllows(policySet, flow, Direction.INGRESS);
    }

    private static boolean sideAllows(PolicySet policySet, Flow flow, Direction direction) {
        var self = direction == Direction.EGRESS ? flow.source() : flow.destination();
        var peer = direction == Direction.EGRESS ? flow.destination() : flow.source();
        Optional<Workload> workload = policySet.inventory().workloadAt(self);
        if (workload.isEmpty()) {
            return true;
        }
        PolicyResolver resolver = new PolicyResolver(policySet.inventory());
        List<Policy> restricting = new ArrayList<>();
        for (Policy policy : policySet.policies()) {
            if (policy.restricts(direction)
                    && policy.podSelector().matches(workload.get().labels())) {
                restricting.add(policy);
            }
        }
        if (restricting.isEmpty()) {
            return true;
        }
        for (Policy policy : restricting) {
            for (PolicyRule rule : policy.rulesOf(direction)) {
                var ports = PolicyResolver.services(rule).get(flow.protocol());
                if (ports != null
                        && ports.contains(flow.port())
                        && resolver.addresses(rule).contains(peer)) {
                    return true;
                }
            }
        }
        return false;
    }
}
