package org.pcisegment.kube.generate;

import io.fabric8.kubernetes.api.model.IntOrString;
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
import java.util.Map;
import java.util.TreeMap;
import org.pcisegment.core.net.PortRange;
import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.policy.Direction;

/**
 * Writes per-workload policies as {@code networking.k8s.io/v1} NetworkPolicies (fabric8 model
 * objects) with explicit policyTypes, in the one namespace that holds the inventory's pods.
 */
public final class KubernetesEmitter {
    private KubernetesEmitter() {}

    public static List<GeneratedResource> emit(List<HostPolicy> policies, String namespace) {
        List<GeneratedResource> resources = new ArrayList<>();
        for (HostPolicy policy : policies) {
            resources.add(new GeneratedResource(
                    "networkpolicy__" + namespace + "__" + policy.name() + ".yaml",
                    "NetworkPolicy",
                    namespace,
                    policy.name(),
                    networkPolicy(policy, namespace),
                    Generated.sources(policy),
                    Generated.purpose(policy)));
        }
        return resources;
    }

    static NetworkPolicy networkPolicy(HostPolicy policy, String namespace) {
        return new NetworkPolicyBuilder()
                .withNewMetadata()
                .withName(policy.name())
                .withNamespace(namespace)
                .withLabels(Generated.labels())
                .withAnnotations(Generated.annotations(policy))
                .endMetadata()
                .withNewSpec()
                .withPodSelector(Generated.identity(policy.name()))
                .withPolicyTypes(policy.restricted().stream()
                        .sorted()
                        .map(Direction::yamlName)
                        .toList())
                .withIngress(policy.ingress().stream()
                        .map(r -> new NetworkPolicyIngressRuleBuilder()
                                .withFrom(peers(r))
                                .withPorts(ports(r))
                                .build())
                        .toList())
                .withEgress(policy.egress().stream()
                        .map(r -> new NetworkPolicyEgressRuleBuilder()
                                .withTo(peers(r))
                                .withPorts(ports(r))
                                .build())
                        .toList())
                .endSpec()
                .build();
    }

    private static List<NetworkPolicyPeer> peers(HostRule rule) {
        List<NetworkPolicyPeer> peers = new ArrayList<>();
        if (!rule.workloads().isEmpty()) {
            peers.add(new NetworkPolicyPeerBuilder()
                    .withPodSelector(Generated.identities(rule.workloads()))
                    .build());
        }
        rule.outside()
                .forEach(cidr -> peers.add(new NetworkPolicyPeerBuilder()
                        .withIpBlock(new IPBlock(cidr.canonical(), List.of()))
                        .build()));
        return peers;
    }

    private static List<NetworkPolicyPort> ports(HostRule rule) {
        List<NetworkPolicyPort> ports = new ArrayList<>();
        if (rule.allServices()) {
            return ports;
        }
        Map<Protocol, PortSet> services = new TreeMap<>(rule.services());
        services.forEach((protocol, set) -> {
            if (set.isAll()) {
                ports.add(new NetworkPolicyPortBuilder()
                        .withProtocol(protocol.name())
                        .build());
                return;
            }
            for (PortRange range : set.ranges()) {
                NetworkPolicyPortBuilder port = new NetworkPolicyPortBuilder()
                        .withProtocol(protocol.name())
                        .withPort(new IntOrString(range.first()));
                if (range.last() != range.first()) {
                    port.withEndPort(range.last());
                }
                ports.add(port.build());
            }
        });
        return ports;
    }
}
