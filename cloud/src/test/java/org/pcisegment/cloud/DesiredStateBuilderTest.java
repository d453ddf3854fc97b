package org.pcisegment.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pcisegment.core.ir.PolicyCompiler;
import org.pcisegment.core.ir.Rule;
import org.pcisegment.core.ir.RuleSet;
import org.pcisegment.core.load.PolicySet;
import org.pcisegment.core.load.PolicySetLoader;
import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.PrefixSet;
import org.pcisegment.core.source.SourceFile;
import org.pcisegment.core.source.YamlLoader;

class DesiredStateBuilderTest {

    /** (direction, protocol, policy rule) -> what it allows. */
    private record Key(String direction, String protocol, String origin) {}

    private record Allowed(PrefixSet peers, PortSet ports) {
        Allowed plus(PrefixSet morePeers, PortSet morePorts) {
            return new Allowed(peers.union(morePeers), ports.union(morePorts));
        }
    }

    @Test
    void agreesWithTheCompiledRuleSetForEveryPolicyThatSelectsWorkloads() {
        PolicySet policies = Scenario.policies();
        RuleSet compiled = PolicyCompiler.compile(policies);
        Map<Key, Allowed> fromCompiler = new HashMap<>();
        for (Rule rule : compiled.rules()) {
            Key key = new Key(
                    rule.direction().sectionField(),
                    rule.protocol().lowerName(),
                    rule.origin().policy() + " " + rule.origin().rule());
            fromCompiler.merge(key, new Allowed(rule.peer(), rule.ports()), (a, b) -> a.plus(b.peers(), b.ports()));
        }
        Map<Key, Allowed> fromIntents = new HashMap<>();
        for (PolicyIntent intent : DesiredStateBuilder.build(policies)) {
            for (PolicyIntent.Allow allow : intent.allows()) {
                Key key = new Key(
                        allow.direction().sectionField(), allow.protocol().lowerName(), allow.origin());
                fromIntents.merge(
                        key,
                        new Allowed(
                                PrefixSet.of(allow.peer()),
                                PortSet.range(
                                        allow.ports().first(), allow.ports().last())),
                        (a, b) -> a.plus(b.peers(), b.ports()));
            }
        }
        assertThat(fromIntents).isNotEmpty().isEqualTo(fromCompiler);
    }

    @Test
    void exceptsAreCutExactlyAndIpv6IsKept() {
        String text = """
                apiVersion: pci-segment/v1
                kind: NetworkPolicy
                metadata: {name: exact}
                spec:
                  podSelector: {matchLabels: {pci-env: cde}}
                  ingress:
                    - from:
                        - ipBlock: {cidr: 10.0.0.0/24, except: [10.0.0.0/26]}
                        - ipBlock: {cidr: "2001:db8::/32"}
                      ports: [{protocol: TCP, port: 8000, endPort: 8080}]
                """;
        PolicySet set = PolicySetLoader.fromSources(
                List.of(new SourceFile("exact.yaml", text, YamlLoader.parse("exact.yaml", text))), List.of());
        PolicyIntent intent = DesiredStateBuilder.build(set).getFirst();
        List<String> peers = new ArrayList<>();
        intent.allows().forEach(a -> peers.add(a.peer().canonical() + " " + a.ports()));
        assertThat(peers)
                .containsExactlyInAnyOrder(
                        "10.0.0.64/26 8000-8080", "10.0.0.128/25 8000-8080", "2001:db8::/32 8000-8080");
        assertThat(intent.notes()).anyMatch(n -> n.startsWith("egress is not restricted"));
    }

    @Test
    void podSelectorPeerWithoutInventoryAllowsNothingAndSaysSo() {
        PolicySet set = PolicySetLoader.load(
                List.of(Scenario.resource("policies/cde-app.yaml").toString()), List.of());
        PolicyIntent intent = DesiredStateBuilder.build(set).getFirst();
        assertThat(intent.allows()).allMatch(a -> a.peer().canonical().equals("10.0.0.53/32"));
        assertThat(intent.notes()).anyMatch(n -> n.contains("matches no inventory workload"));
    }
}
