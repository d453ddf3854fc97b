package org.pcisegment.core.ir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.core.testing.RandomPolicySets;
import org.pcisegment.core.testing.TestPolicySets;

/** The attributed allow entries a backend installs say exactly what decide says, citing the same rule. */
class AllowEntriesTest {

    @Property(tries = 80)
    void entriesAdmitExactlyWhatDecideAdmitsAndCiteTheSameRule(@ForAll long seed) {
        RandomPolicySets random = new RandomPolicySets(seed);
        RuleSet ruleSet = PolicyCompiler.compile(random.policySet());
        for (int i = 0; i < 150; i++) {
            Flow flow = random.flow();
            Optional<Workload> destination = ruleSet.workloadAt(flow.destination());
            if (destination.isEmpty()) {
                continue;
            }
            DirectionRules ingress = ruleSet.host(destination.get()).ingress();
            if (!ingress.restricted()) {
                assertThat(ingress.entries(flow.protocol())).isEmpty();
                continue;
            }
            Optional<Rule> cited = covering(ingress.entries(flow.protocol()), flow.source(), flow.port());
            SideDecision side = ruleSet.decide(flow).destination();
            if (side instanceof SideDecision.Allowed allowed) {
                assertThat(cited).as("%s", flow).containsSame(allowed.rules().getFirst());
            } else {
                assertThat(cited).as("%s", flow).isEmpty();
            }
        }
    }

    @Property(tries = 40)
    void entriesAreDisjointAndAscending(@ForAll long seed) {
        RandomPolicySets random = new RandomPolicySets(seed);
        RuleSet ruleSet = PolicyCompiler.compile(random.policySet());
        for (HostRules host : ruleSet.hosts()) {
            for (Direction direction : Direction.values()) {
                for (Protocol protocol : Protocol.values()) {
                    List<AllowEntry> entries = host.direction(direction).entries(protocol);
                    for (int i = 1; i < entries.size(); i++) {
                        AllowEntry before = entries.get(i - 1);
                        AllowEntry after = entries.get(i);
                        boolean sameRange = before.peers().equals(after.peers());
                        assertThat(
                                        sameRange
                                                ? before.ports().last()
                                                        < after.ports().first()
                                                : before.peers()
                                                                .last()
                                                                .compareTo(after.peers()
                                                                        .first())
                                                        < 0)
                                .as("%s before %s", before, after)
                                .isTrue();
                    }
                }
            }
        }
    }

    @Test
    void databaseIngressCitesBothRestrictingPoliciesRules() {
        RuleSet ruleSet = PolicyCompiler.compile(TestPolicySets.validExamples());
        DirectionRules ingress = ruleSet.host("payment-db").orElseThrow().ingress();

        assertThat(ingress.entries(Protocol.TCP))
                .extracting(e ->
                        e.peers() + " " + e.ports() + " " + e.rule().origin().policy())
                .containsExactly(
                        "10.0.1.0-10.0.1.255 5432 cde-database-access", "10.0.20.0-10.0.20.255 9090 cde-isolation");
        assertThat(ingress.entries(Protocol.UDP)).isEmpty();
    }

    private static Optional<Rule> covering(List<AllowEntry> entries, IpAddress peer, int port) {
        return entries.stream()
                .filter(e -> e.peers().first().compareTo(peer) <= 0
                        && peer.compareTo(e.peers().last()) <= 0
                        && e.ports().first() <= port
                        && port <= e.ports().last())
                .map(AllowEntry::rule)
                .findFirst();
    }
}
