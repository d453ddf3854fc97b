package org.pcisegment.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.ir.Flow;
import org.pcisegment.core.ir.PolicyCompiler;
import org.pcisegment.core.ir.RuleSet;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.testing.RandomPolicySets;
import org.pcisegment.core.testing.TestPolicySets;

/**
 * For random flows, explain's verdict agrees with analyze: a flow between two different zones is
 * allowed exactly when one opening of their connection holds its protocol, port and addresses.
 */
class AnalyzeExplainConsistencyTest {

    @Test
    void explainAgreesWithAnalyzeOnTheExamples() {
        RuleSet ruleSet = PolicyCompiler.compile(TestPolicySets.validExamples());
        Reachability reachability = ReachabilityAnalyzer.analyze(ruleSet);
        Random random = new Random(4);
        List<IpAddress> v4 = new ArrayList<>();
        List<IpAddress> v6 = new ArrayList<>();
        for (Workload workload : ruleSet.inventory().workloads()) {
            for (Cidr cidr : workload.addresses()) {
                (cidr.family() == org.pcisegment.core.net.IpFamily.V4 ? v4 : v6).add(cidr.network());
            }
        }
        int[] ports = {22, 53, 443, 5432, 9090, 8080};
        int checked = 0;
        int allowed = 0;
        for (int i = 0; i < 20_000; i++) {
            boolean six = random.nextInt(4) == 0;
            IpAddress from = pick(random, six, six ? v6 : v4);
            IpAddress to = pick(random, six, six ? v6 : v4);
            Flow flow = new Flow(
                    from,
                    to,
                    Protocol.values()[random.nextInt(3)],
                    random.nextBoolean() ? ports[random.nextInt(ports.length)] : 1 + random.nextInt(65535));
            Optional<Boolean> analyzed = analyzed(reachability, ruleSet, flow);
            if (analyzed.isPresent()) {
                boolean explained = ruleSet.explain(flow).allowed();
                assertThat(explained).as("%s", flow).isEqualTo(analyzed.get());
                checked++;
                allowed += explained ? 1 : 0;
            }
        }
        assertThat(checked).isGreaterThan(10_000);
        assertThat(allowed).as("both verdicts are exercised").isBetween(100, checked - 100);
    }

    @Property(tries = 150)
    void explainAgreesWithAnalyzeOnRandomPolicySets(@ForAll long seed) {
        RandomPolicySets random = new RandomPolicySets(seed);
        RuleSet ruleSet = PolicyCompiler.compile(random.policySet());
        Reachability reachability = ReachabilityAnalyzer.analyze(ruleSet);
        for (int i = 0; i < 300; i++) {
            Flow flow = random.flow();
            analyzed(reachability, ruleSet, flow)
                    .ifPresent(open -> assertThat(ruleSet.explain(flow).allowed())
                            .as("%s", flow)
                            .isEqualTo(open));
        }
    }

    private static IpAddress pick(Random random, boolean six, List<IpAddress> inventory) {
        if (random.nextInt(3) > 0 && !inventory.isEmpty()) {
            return inventory.get(random.nextInt(inventory.size()));
        }
        return six
                ? IpAddress.v6(0xfd00_0001_0000_0000L, random.nextInt(64))
                : IpAddress.v4(0x0A00_0000L | random.nextInt(1 << 16));
    }

    /** What analyze says about a flow; empty for flows it does not list (within one zone, outside to outside). */
    static Optional<Boolean> analyzed(Reachability reachability, RuleSet ruleSet, Flow flow) {
        String from = ruleSet.workloadAt(flow.source()).map(Workload::name).orElse(Zone.OUTSIDE_NAME);
        String to = ruleSet.workloadAt(flow.destination()).map(Workload::name).orElse(Zone.OUTSIDE_NAME);
        if (from.equals(to)) {
            return Optional.empty();
        }
        for (Connection connection : reachability.connections()) {
            if (connection.from().name().equals(from) && connection.to().name().equals(to)) {
                return Optional.of(connection.openings().stream()
                        .anyMatch(o -> o.protocol() == flow.protocol()
                                && o.ports().contains(flow.port())
                                && o.from().contains(flow.source())
                                && o.to().contains(flow.destination())));
            }
        }
        return Optional.of(false);
    }
}
