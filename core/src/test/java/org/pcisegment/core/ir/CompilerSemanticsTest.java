package org.pcisegment.core.ir;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.testing.TestPolicySets;

/** The tricky cases of Kubernetes NetworkPolicy semantics applied to inventory workloads. */
class CompilerSemanticsTest {
    private static final String INVENTORY = TestPolicySets.inventory(
            "db 10.0.1.20,fd00::20 pci-env=cde,tier=db",
            "app 10.0.1.10,fd00::10 pci-env=cde,tier=app",
            "web 10.0.2.10 tier=web",
            "ops 10.0.9.9 tier=ops");

    private static RuleSet compile(String policies) {
        return PolicyCompiler.compile(TestPolicySets.of(policies, INVENTORY));
    }

    private static String policy(String name, String selector, String body) {
        return "---\napiVersion: pci-segment/v1\nkind: NetworkPolicy\nmetadata: {name: " + name + "}\nspec:\n"
                + "  podSelector: " + selector + "\n" + body;
    }

    private static boolean allowed(RuleSet ruleSet, String from, String to, Protocol protocol, int port) {
        Flow flow = new Flow(IpAddress.parseOrThrow(from), IpAddress.parseOrThrow(to), protocol, port);
        Verdict verdict = ruleSet.decide(flow);
        assertThat(ruleSet.decideByLinearScan(flow)).isEqualTo(verdict);
        return verdict.allowed();
    }

    private static boolean tcp(RuleSet ruleSet, String from, String to, int port) {
        return allowed(ruleSet, from, to, Protocol.TCP, port);
    }

    @Test
    void overlappingPoliciesAddUp() {
        RuleSet ruleSet = compile(
                policy("a", "{matchLabels: {tier: db}}", """
                          ingress: [{from: [{ipBlock: {cidr: 10.0.2.0/24}}], ports: [{port: 5432}]}]
                        """) + policy("b", "{matchLabels: {pci-env: cde}}", """
                          ingress: [{from: [{ipBlock: {cidr: 10.0.9.0/24}}], ports: [{port: 22}]}]
                        """));

        assertThat(tcp(ruleSet, "10.0.2.10", "10.0.1.20", 5432)).isTrue();
        assertThat(tcp(ruleSet, "10.0.9.9", "10.0.1.20", 22)).isTrue();
        assertThat(tcp(ruleSet, "10.0.9.9", "10.0.1.20", 5432)).isFalse();
        assertThat(ruleSet.host("db").orElseThrow().ingress().restrictedBy())
                .extracting(PolicyOrigin::policy)
                .containsExactly("a", "b");
    }

    @Test
    void exceptCutsAddressesOutOfAnIpBlock() {
        RuleSet ruleSet = compile(policy("a", "{matchLabels: {tier: db}}", """
                  ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/16, except: [10.0.2.0/24, 10.0.9.9/32]}}]}]
                """));

        assertThat(tcp(ruleSet, "10.0.1.10", "10.0.1.20", 5432)).isTrue();
        assertThat(tcp(ruleSet, "10.0.2.10", "10.0.1.20", 5432)).isFalse();
        assertThat(tcp(ruleSet, "10.0.9.9", "10.0.1.20", 5432)).isFalse();
        assertThat(tcp(ruleSet, "10.0.9.8", "10.0.1.20", 5432)).isTrue();
    }

    @Test
    void missingFromAdmitsEveryPeerAndMissingPortsEveryPortOfEveryProtocol() {
        RuleSet ruleSet = compile(policy("a", "{matchLabels: {tier: db}}", """
                  ingress:
                    - ports: [{protocol: TCP, port: 5432}]
                    - from: [{ipBlock: {cidr: 10.0.9.0/24}}]
                """));

        assertThat(tcp(ruleSet, "203.0.113.7", "10.0.1.20", 5432)).isTrue();
        assertThat(tcp(ruleSet, "203.0.113.7", "10.0.1.20", 5433)).isFalse();
        assertThat(allowed(ruleSet, "10.0.9.9", "10.0.1.20", Protocol.UDP, 65535))
                .isTrue();
        assertThat(allowed(ruleSet, "10.0.9.9", "10.0.1.20", Protocol.SCTP, 1)).isTrue();
    }

    @Test
    void anEmptyRuleAllowsEverythingButAnEmptyListAllowsNothing() {
        RuleSet open = compile(policy("a", "{matchLabels: {tier: db}}", "  ingress: [{}]\n"));
        RuleSet closed = compile(policy("a", "{matchLabels: {tier: db}}", "  ingress: []\n"));

        assertThat(tcp(open, "198.51.100.1", "10.0.1.20", 1)).isTrue();
        assertThat(tcp(closed, "10.0.1.10", "10.0.1.20", 5432)).isFalse();
        assertThat(closed.host("db").orElseThrow().ingress().restricted()).isTrue();
    }

    @Test
    void policyTypesRestrictADirectionWithoutRules() {
        RuleSet ruleSet = compile(policy("a", "{matchLabels: {tier: web}}", "  policyTypes: [Egress]\n"));

        assertThat(tcp(ruleSet, "10.0.2.10", "10.0.9.9", 443)).isFalse();
        assertThat(tcp(ruleSet, "10.0.9.9", "10.0.2.10", 443))
                .as("ingress stays open")
                .isTrue();
    }

    @Test
    void endPortOpensAnInclusiveRangeAndNamedPortsResolve() {
        RuleSet ruleSet = compile(policy("a", "{matchLabels: {tier: web}}", """
                  ingress:
                    - ports: [{protocol: TCP, port: 8000, endPort: 8080}, {protocol: TCP, port: https}]
                """));

        assertThat(tcp(ruleSet, "10.0.9.9", "10.0.2.10", 8000)).isTrue();
        assertThat(tcp(ruleSet, "10.0.9.9", "10.0.2.10", 8080)).isTrue();
        assertThat(tcp(ruleSet, "10.0.9.9", "10.0.2.10", 8081)).isFalse();
        assertThat(tcp(ruleSet, "10.0.9.9", "10.0.2.10", 443)).isTrue();
        assertThat(allowed(ruleSet, "10.0.9.9", "10.0.2.10", Protocol.UDP, 443)).isFalse();
    }

    @Test
    void ipv6BlocksMatchIpv6AddressesOnly() {
        RuleSet ruleSet = compile(policy("a", "{matchLabels: {tier: db}}", """
                  ingress: [{from: [{ipBlock: {cidr: "fd00::/64"}}], ports: [{port: 5432}]}]
                """));

        assertThat(tcp(ruleSet, "fd00::10", "fd00::20", 5432)).isTrue();
        assertThat(tcp(ruleSet, "10.0.1.10", "10.0.1.20", 5432)).isFalse();
        assertThat(tcp(ruleSet, "fd01::1", "fd00::20", 5432)).isFalse();
    }

    @Test
    void podSelectorPeersMatchInventoryWorkloadsAndIpBlocksMatchThemToo() {
        RuleSet ruleSet = compile(policy("a", "{matchLabels: {tier: db}}", """
                  ingress:
                    - from: [{podSelector: {matchLabels: {tier: app}}}]
                    - from: [{ipBlock: {cidr: 10.0.2.10/32}}]
                """));

        assertThat(tcp(ruleSet, "10.0.1.10", "10.0.1.20", 5432)).isTrue();
        assertThat(tcp(ruleSet, "fd00::10", "fd00::20", 5432)).isTrue();
        assertThat(tcp(ruleSet, "10.0.2.10", "10.0.1.20", 5432)).isTrue();
        assertThat(tcp(ruleSet, "10.0.1.11", "10.0.1.20", 5432))
                .as("an address outside the inventory is no workload")
                .isFalse();
    }

    @Test
    void aWorkloadSelectedBySeveralPoliciesIsRestrictedByAnyOfThem() {
        RuleSet ruleSet = compile(policy("deny-egress", "{matchLabels: {pci-env: cde}}", "  egress: []\n")
                + policy("app-to-db", "{matchLabels: {tier: app}}", """
                          egress: [{to: [{podSelector: {matchLabels: {tier: db}}}], ports: [{port: 5432}]}]
                        """));

        assertThat(tcp(ruleSet, "10.0.1.10", "10.0.1.20", 5432)).isTrue();
        assertThat(tcp(ruleSet, "10.0.1.10", "10.0.2.10", 80)).isFalse();
        assertThat(tcp(ruleSet, "10.0.1.20", "10.0.1.10", 5432))
                .as("db only has the deny")
                .isFalse();
        assertThat(ruleSet.host("app").orElseThrow().egress().restrictedBy())
                .extracting(PolicyOrigin::policy)
                .containsExactly("deny-egress", "app-to-db");
    }

    @Test
    void aPolicySelectingNothingChangesNothing() {
        RuleSet ruleSet = compile(policy("nobody", "{matchLabels: {tier: nothing}}", "  ingress: []\n  egress: []\n"));

        assertThat(ruleSet.size()).isZero();
        assertThat(ruleSet.hosts()).allSatisfy(host -> {
            assertThat(host.ingress().restricted()).isFalse();
            assertThat(host.egress().restricted()).isFalse();
        });
        assertThat(tcp(ruleSet, "10.0.2.10", "10.0.1.20", 5432)).isTrue();
    }

    @Test
    void peerPortsListTheAllowsAsDisjointRangesForBackends() {
        RuleSet ruleSet = compile(policy("a", "{matchLabels: {tier: db}}", """
                  ingress:
                    - from: [{ipBlock: {cidr: 10.0.0.0/16, except: [10.0.2.0/24]}}]
                      ports: [{port: 5432}]
                    - from: [{ipBlock: {cidr: 10.0.1.0/24}}]
                      ports: [{port: 22}]
                """));

        var entries = ruleSet.host("db").orElseThrow().ingress().peerPorts(Protocol.TCP);

        assertThat(entries)
                .extracting(e -> e.range() + " " + e.ports())
                .containsExactly(
                        "10.0.0.0-10.0.0.255 5432", "10.0.1.0-10.0.1.255 22,5432", "10.0.3.0-10.0.255.255 5432");
        assertThat(entries.get(2).cidrs()).extracting(Object::toString).startsWith("10.0.3.0/24", "10.0.4.0/22");
    }
}
