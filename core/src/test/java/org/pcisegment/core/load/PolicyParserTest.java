package org.pcisegment.core.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pcisegment.core.testing.Inputs.loadError;
import static org.pcisegment.core.testing.Inputs.policy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.core.policy.Located;
import org.pcisegment.core.policy.Peer;
import org.pcisegment.core.policy.Policy;
import org.pcisegment.core.policy.PolicyRule;
import org.pcisegment.core.policy.PortSpec;
import org.pcisegment.core.policy.SelectorRequirement;
import org.pcisegment.core.source.SourceSpan;

class PolicyParserTest {
    private static final String HEAD = """
            apiVersion: pci-segment/v1
            kind: NetworkPolicy
            metadata:
              name: p
            spec:
              podSelector:
                matchLabels: {pci-env: cde}
            """;

    private static SourceSpan at(int line, int column) {
        return new SourceSpan("test.yaml", line, column);
    }

    @Test
    void readsTheSeedPolicyWithThePositionOfEveryValue() {
        Path file = Path.of("..", "examples", "policies", "cde-isolation.yaml");
        PolicySet set = PolicySetLoader.load(List.of(file.toString()), List.of());
        Policy policy = set.policies().getFirst();
        String name = file.toString();
        assertThat(policy.name()).isEqualTo("cde-isolation");
        assertThat(policy.metadata().nameSpan()).isEqualTo(new SourceSpan(name, 5, 9));
        assertThat(policy.apiVersion()).isEqualTo(new Located<>("pci-segment/v1", new SourceSpan(name, 2, 13)));
        assertThat(policy.span()).isEqualTo(new SourceSpan(name, 2, 1));
        assertThat(policy.podSelector().matchLabels()).isEqualTo(Map.of("pci-env", "cde"));
        assertThat(policy.description()).contains("Isolate CDE from non-CDE networks");
        assertThat(policy.pciCitations()).containsExactly("Req 1.2", "Req 1.3");

        PolicyRule egress = policy.egress().orElseThrow().getFirst();
        assertThat(egress.span()).isEqualTo(new SourceSpan(name, 17, 7));
        Peer.IpBlock block = (Peer.IpBlock) egress.peers().getFirst();
        assertThat(block.cidr()).isEqualTo(new Located<>("10.0.10.0/24", new SourceSpan(name, 19, 19)));
        PortSpec port = egress.ports().getFirst();
        assertThat(port.protocol()).isEqualTo(new Located<>("TCP", new SourceSpan(name, 21, 21)));
        assertThat(port.port()).contains(new PortSpec.Number(443, new SourceSpan(name, 22, 17)));
        assertThat(policy.ingress().orElseThrow().getFirst().ports().getFirst().port())
                .contains(new PortSpec.Number(9090, new SourceSpan(name, 31, 17)));
        assertThat(policy.restricts(Direction.INGRESS)).isTrue();
        assertThat(policy.restricts(Direction.EGRESS)).isTrue();
    }

    @Test
    void distinguishesAbsentEmptyAndNullRuleLists() {
        Policy absent = policy(HEAD);
        assertThat(absent.ingress()).isEmpty();
        assertThat(absent.restricts(Direction.INGRESS)).isFalse();

        Policy empty = policy(HEAD + "  egress: []\n");
        assertThat(empty.egress()).contains(List.of());
        assertThat(empty.restricts(Direction.EGRESS)).isTrue();

        Policy nothing = policy(HEAD + "  egress:\n");
        assertThat(nothing.egress()).contains(List.of());
        assertThat(nothing.restricts(Direction.EGRESS)).isTrue();

        Policy typed = policy(HEAD + "  policyTypes: [Egress]\n");
        assertThat(typed.egress()).isEmpty();
        assertThat(typed.restricts(Direction.EGRESS)).isTrue();
        assertThat(typed.restricts(Direction.INGRESS)).isFalse();
    }

    @Test
    void anEmptyRuleOrEmptyPeerListAllowsEveryPeerAndPort() {
        Policy policy = policy(HEAD + "  ingress:\n    -\n    - from: []\n      ports: []\n");
        List<PolicyRule> rules = policy.ingress().orElseThrow();
        assertThat(rules).hasSize(2);
        assertThat(rules).allSatisfy(rule -> {
            assertThat(rule.allowsAllPeers()).isTrue();
            assertThat(rule.allowsAllPorts()).isTrue();
        });
        assertThat(rules.get(1).label()).isEqualTo("ingress[1]");
        assertThat(rules.get(1).span()).isEqualTo(at(10, 7));
    }

    @Test
    void readsPortsByNumberDigitsOrNameWithTcpAsTheDefaultProtocol() {
        Policy policy = policy(HEAD + """
                  ingress:
                    - ports:
                        - port: 443
                        - port: "8443"
                        - port: https
                        - protocol: UDP
                          port: 9000
                          endPort: 9010
                """);
        List<PortSpec> ports = policy.ingress().orElseThrow().getFirst().ports();
        assertThat(ports.get(0).port()).contains(new PortSpec.Number(443, at(10, 17)));
        assertThat(ports.get(0).protocol()).isEqualTo(new Located<>("TCP", at(10, 11)));
        assertThat(ports.get(1).port()).contains(new PortSpec.Number(8443, at(11, 17)));
        assertThat(ports.get(2).port()).contains(new PortSpec.Named("https", at(12, 17)));
        assertThat(ports.get(3).protocol().value()).isEqualTo("UDP");
        assertThat(ports.get(3).endPort()).contains(new Located<>(9010L, at(15, 20)));
    }

    @Test
    void readsPeersOfBothKinds() {
        Policy policy = policy(HEAD + """
                  egress:
                    - to:
                        - ipBlock: {cidr: "fd00::/8", except: ["fd00:1::/32"]}
                        - podSelector:
                            matchExpressions:
                              - {key: tier, operator: NotIn, values: [web]}
                              - {key: pci-env, operator: Exists}
                """);
        List<Peer> peers = policy.egress().orElseThrow().getFirst().peers();
        Peer.IpBlock block = (Peer.IpBlock) peers.get(0);
        assertThat(block.except()).containsExactly(new Located<>("fd00:1::/32", at(10, 48)));
        Peer.Workloads workloads = (Peer.Workloads) peers.get(1);
        assertThat(workloads.span()).isEqualTo(at(11, 11));
        assertThat(workloads.selector().matchExpressions())
                .extracting(SelectorRequirement::operator)
                .containsExactly(SelectorRequirement.Operator.NotIn, SelectorRequirement.Operator.Exists);
        assertThat(workloads.selector().toString()).isEqualTo("tier notin (web),pci-env");
    }

    @Test
    void keepsInvalidValuesForTheSchemaRulesToReport() {
        Policy policy = policy("""
                apiVersion: v9
                kind: Policy
                metadata: {name: Bad_Name}
                spec:
                  podSelector: {}
                  ingress:
                    - from: [{ipBlock: {cidr: not-a-cidr}}]
                      ports: [{protocol: ICMP, port: 0, endPort: -5}]
                """);
        assertThat(policy.apiVersion().value()).isEqualTo("v9");
        assertThat(policy.kind().value()).isEqualTo("Policy");
        assertThat(policy.name()).isEqualTo("Bad_Name");
        PolicyRule rule = policy.ingress().orElseThrow().getFirst();
        assertThat(((Peer.IpBlock) rule.peers().getFirst()).cidr().value()).isEqualTo("not-a-cidr");
        PortSpec port = rule.ports().getFirst();
        assertThat(port.protocol().value()).isEqualTo("ICMP");
        assertThat(port.port()).contains(new PortSpec.Number(0, at(8, 38)));
        assertThat(port.endPort().orElseThrow().value()).isEqualTo(-5L);
    }

    @Test
    void reportsStructuralMistakesAtTheirPosition() {
        assertThat(loadError(HEAD + "  ingres: []\n"))
                .isEqualTo("test.yaml:8:3: unknown field 'ingres' in spec (did you mean 'ingress'?); expected one of:"
                        + " egress, ingress, podSelector, policyTypes");
        assertThat(loadError(HEAD + "  ingress: {from: []}\n"))
                .isEqualTo("test.yaml:8:12: field 'spec.ingress' must be a list, found a mapping");
        assertThat(loadError(HEAD + "  ingress:\n    - to: []\n"))
                .isEqualTo("test.yaml:9:7: unknown field 'to' in spec.ingress[0] (an ingress rule); expected one"
                        + " of: from, ports");
        assertThat(loadError(HEAD + "  ingress:\n    - ports: [{port: 1.5}]\n"))
                .isEqualTo("test.yaml:9:22: field 'spec.ingress[0].ports[0].port' must be a port number or a"
                        + " service name, found the number 1.5");
        assertThat(loadError(HEAD + "  ingress:\n    - ports: [{port: 80, endPort: 99999999999999999999}]\n"))
                .isEqualTo("test.yaml:9:35: field 'spec.ingress[0].ports[0].endPort' is 99999999999999999999, out"
                        + " of range; expected 1-65535");
        assertThat(loadError(HEAD + "  policyTypes: [Egres]\n"))
                .isEqualTo("test.yaml:8:17: unknown policy type 'Egres' (did you mean 'Egress'?); expected Ingress"
                        + " or Egress");
        assertThat(loadError(HEAD + "  egress:\n    - to: [{ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}]\n"))
                .isEqualTo("test.yaml:9:12: a peer takes either 'ipBlock' or 'podSelector', not both; write two"
                        + " peers instead");
        assertThat(loadError(HEAD + "  egress:\n    - to: [{}]\n"))
                .isEqualTo("test.yaml:9:12: empty peer in spec.egress[0].to[0]; a peer needs 'ipBlock' or"
                        + " 'podSelector'");
        assertThat(loadError(HEAD + "  egress:\n    - to: [{ipBlock: }]\n"))
                .isEqualTo("test.yaml:9:12: 'ipBlock' in spec.egress[0].to[0] is empty; it needs a 'cidr'");
        assertThat(loadError(HEAD.replace("  podSelector:\n    matchLabels: {pci-env: cde}\n", "  ingress: []\n")))
                .isEqualTo("test.yaml:6:3: missing required field 'podSelector' in spec; write 'podSelector: {}'"
                        + " to select every workload");
        assertThat(loadError("apiVersion: pci-segment/v1\nkind: NetworkPolicy\nmetadata: {name: p}\n"))
                .isEqualTo("test.yaml:1:1: missing required field 'spec' in NetworkPolicy 'p'");
        assertThat(loadError("- a\n"))
                .isEqualTo("test.yaml:1:1: expected a mapping with apiVersion, kind, metadata and spec at the top"
                        + " of the document, found a list");
    }

    @Test
    void checksLabelSyntaxLikeKubernetes() {
        assertThat(loadError(HEAD.replace("{pci-env: cde}", "{pci-env: cde, \"tier/\": x}")))
                .startsWith("test.yaml:7:33: label key 'tier/' is invalid");
        assertThat(loadError(HEAD.replace("{pci-env: cde}", "{pci-env: \"-cde\"}")))
                .startsWith("test.yaml:7:28: label value '-cde' is invalid");
        assertThat(loadError(HEAD.replace("name: p", "name: p\n  labels: {\"a b\": c}")))
                .startsWith("test.yaml:5:12: label key 'a b' is invalid");
        assertThat(policy(HEAD.replace("{pci-env: cde}", "{example.com/pci-env: cde, empty: \"\"}"))
                        .podSelector()
                        .matchLabels())
                .containsEntry("example.com/pci-env", "cde")
                .containsEntry("empty", "");
    }
}
