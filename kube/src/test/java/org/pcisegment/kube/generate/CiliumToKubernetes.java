package org.pcisegment.kube.generate;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * There is no Cilium analyser here, so the Cilium output is checked by translating it back, field
 * by field, into the Kubernetes NetworkPolicy with the same meaning and analysing that. The
 * translation accepts only the subset {@link CiliumEmitter} writes and fails on anything else,
 * which also validates the structure of every generated policy:
 *
 * <ul>
 *   <li>{@code endpointSelector} -> {@code podSelector}; {@code enableDefaultDeny} per direction ->
 *       {@code policyTypes} (rules in a direction without default deny are refused: they would
 *       allow without isolating, which Kubernetes cannot say);
 *   <li>each rule names endpoints or CIDRs, never both nor neither; endpoints -> pod selectors in
 *       the policy's namespace, CIDRs -> ipBlocks (both apply only to traffic leaving or entering
 *       the cluster);
 *   <li>every rule has {@code toPorts} (an L3-only Cilium rule would also open ICMP); {@code port:
 *       "0"} -> the protocol with no port; ports are numbers 1-65535, {@code endPort} above
 *       {@code port}; protocols TCP, UDP or SCTP.
 * </ul>
 */
final class CiliumToKubernetes {
    private static final Set<String> PROTOCOLS = Set.of("TCP", "UDP", "SCTP");

    private CiliumToKubernetes() {}

    static NetworkPolicy translate(CiliumResources.Policy policy) {
        require(policy.apiVersion().equals(CiliumResources.API_VERSION), policy, "apiVersion");
        require(policy.kind().equals("CiliumNetworkPolicy"), policy, "kind");
        require(policy.metadata().namespace().isPresent(), policy, "a namespace");
        CiliumResources.Spec spec = policy.spec();
        require(spec.enableDefaultDeny().ingress() || spec.ingress().isEmpty(), policy, "ingress default deny");
        require(spec.enableDefaultDeny().egress() || spec.egress().isEmpty(), policy, "egress default deny");
        List<String> types = new ArrayList<>();
        if (spec.enableDefaultDeny().ingress()) {
            types.add("Ingress");
        }
        if (spec.enableDefaultDeny().egress()) {
            types.add("Egress");
        }
        require(!types.isEmpty(), policy, "default deny in some direction");
        return new NetworkPolicyBuilder()
                .withNewMetadata()
                .withName(policy.metadata().name())
                .withNamespace(policy.metadata().namespace().orElseThrow())
                .endMetadata()
                .withNewSpec()
                .withPodSelector(selector(spec.endpointSelector(), policy))
                .withPolicyTypes(types)
                .withIngress(spec.ingress().stream()
                        .map(rule -> {
                            require(
                                    rule.toEndpoints().isEmpty()
                                            && rule.toCidrSet().isEmpty(),
                                    policy,
                                    "from peers");
                            return new NetworkPolicyIngressRuleBuilder()
                                    .withFrom(peers(rule.fromEndpoints(), rule.fromCidrSet(), policy))
                                    .withPorts(ports(rule.toPorts(), policy))
                                    .build();
                        })
                        .toList())
                .withEgress(spec.egress().stream()
                        .map(rule -> {
                            require(
                                    rule.fromEndpoints().isEmpty()
                                            && rule.fromCidrSet().isEmpty(),
                                    policy,
                                    "to peers");
                            return new NetworkPolicyEgressRuleBuilder()
                                    .withTo(peers(rule.toEndpoints(), rule.toCidrSet(), policy))
                                    .withPorts(ports(rule.toPorts(), policy))
                                    .build();
                        })
                        .toList())
                .endSpec()
                .build();
    }

    private static LabelSelector selector(CiliumResources.EndpointSelector selector, CiliumResources.Policy policy) {
        require(
                !selector.matchLabels().isEmpty()
                        || !selector.matchExpressions().isEmpty(),
                policy,
                "a selector");
        List<LabelSelectorRequirement> expressions = new ArrayList<>();
        for (CiliumResources.Expression e : selector.matchExpressions()) {
            require(e.operator().equals("In") && !e.values().isEmpty(), policy, "In expressions with values");
            expressions.add(new LabelSelectorRequirement(e.key(), e.operator(), e.values()));
        }
        return new LabelSelector(expressions, selector.matchLabels());
    }

    private static List<NetworkPolicyPeer> peers(
            List<CiliumResources.EndpointSelector> endpoints,
            List<CiliumResources.CidrRule> cidrs,
            CiliumResources.Policy policy) {
        require(endpoints.isEmpty() != cidrs.isEmpty(), policy, "endpoints or CIDRs in each rule");
        List<NetworkPolicyPeer> peers = new ArrayList<>();
        for (CiliumResources.EndpointSelector endpoint : endpoints) {
            peers.add(new NetworkPolicyPeerBuilder()
                    .withPodSelector(selector(endpoint, policy))
                    .build());
        }
        for (CiliumResources.CidrRule cidr : cidrs) {
            peers.add(new NetworkPolicyPeerBuilder()
                    .withIpBlock(new IPBlock(cidr.cidr(), cidr.except()))
                    .build());
        }
        return peers;
    }

    private static List<NetworkPolicyPort> ports(List<CiliumResources.PortRule> rules, CiliumResources.Policy policy) {
        require(rules.size() == 1 && !rules.getFirst().ports().isEmpty(), policy, "one toPorts entry with ports");
        List<NetworkPolicyPort> ports = new ArrayList<>();
        for (CiliumResources.Port port : rules.getFirst().ports()) {
            require(PROTOCOLS.contains(port.protocol()), policy, "protocol TCP, UDP or SCTP");
            int number = Integer.parseInt(port.port());
            NetworkPolicyPortBuilder built = new NetworkPolicyPortBuilder().withProtocol(port.protocol());
            if (number == 0) {
                require(port.endPort().isEmpty(), policy, "no endPort with port 0");
            } else {
                require(number <= 65535, policy, "a port number");
                built.withPort(new IntOrString(number));
                port.endPort().ifPresent(end -> {
                    require(end > number && end <= 65535, policy, "endPort above port");
                    built.withEndPort(end);
                });
            }
            ports.add(built.build());
        }
        return ports;
    }

    private static void require(boolean condition, CiliumResources.Policy policy, String what) {
        if (!condition) {
            throw new AssertionError("CiliumNetworkPolicy " + policy.metadata().name()
                    + " is outside the generated subset: expected " + what);
        }
    }
}
