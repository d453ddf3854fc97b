package org.pcisegment.kube.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.pcisegment.core.net.PortRange;
import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.policy.Direction;

/**
 * Writes per-workload policies as CiliumNetworkPolicies: the workload's identity label selects its
 * endpoints, {@code enableDefaultDeny} states per direction what policyTypes states for
 * Kubernetes, and each rule names either endpoints or CIDRs (Cilium CIDR rules, like Kubernetes
 * ipBlocks, apply to traffic leaving or entering the cluster). Every rule lists its protocols and
 * ports ({@code port: "0"} for all ports of one protocol), so no rule opens ICMP or other protocols
 * pci-segment does not model.
 */
public final class CiliumEmitter {
    private CiliumEmitter() {}

    public static List<GeneratedResource> emit(List<HostPolicy> policies, String namespace) {
        List<GeneratedResource> resources = new ArrayList<>();
        for (HostPolicy policy : policies) {
            CiliumResources.Policy resource = new CiliumResources.Policy(
                    CiliumResources.API_VERSION,
                    "CiliumNetworkPolicy",
                    new ResourceMetadata(
                            policy.name(), Optional.of(namespace), Generated.labels(), Generated.annotations(policy)),
                    new CiliumResources.Spec(
                            Optional.of(Generated.purpose(policy)),
                            new CiliumResources.EndpointSelector(
                                    Map.of(HostTranslation.WORKLOAD_LABEL, policy.name()), List.of()),
                            new CiliumResources.DefaultDeny(
                                    policy.restricted().contains(Direction.INGRESS),
                                    policy.restricted().contains(Direction.EGRESS)),
                            rules(policy.ingress(), Direction.INGRESS),
                            rules(policy.egress(), Direction.EGRESS)));
            resources.add(new GeneratedResource(
                    "ciliumnetworkpolicy__" + namespace + "__" + policy.name() + ".yaml",
                    "CiliumNetworkPolicy",
                    namespace,
                    policy.name(),
                    resource,
                    Generated.sources(policy),
                    Generated.purpose(policy)));
        }
        return resources;
    }

    private static List<CiliumResources.Rule> rules(List<HostRule> rules, Direction direction) {
        List<CiliumResources.Rule> result = new ArrayList<>();
        for (HostRule rule : rules) {
            // never an L3-only rule: Cilium lets every protocol (ICMP too) through one
            List<CiliumResources.PortRule> ports = List.of(ports(rule));
            List<CiliumResources.EndpointSelector> endpoints = rule.workloads().isEmpty()
                    ? List.of()
                    : List.of(new CiliumResources.EndpointSelector(
                            Map.of(),
                            List.of(new CiliumResources.Expression(
                                    HostTranslation.WORKLOAD_LABEL, "In", rule.workloads()))));
            List<CiliumResources.CidrRule> cidrs = rule.outside().stream()
                    .map(c -> new CiliumResources.CidrRule(c.canonical(), List.of()))
                    .toList();
            result.add(
                    direction == Direction.INGRESS
                            ? new CiliumResources.Rule(endpoints, cidrs, List.of(), List.of(), ports)
                            : new CiliumResources.Rule(List.of(), List.of(), endpoints, cidrs, ports));
        }
        return result;
    }

    private static CiliumResources.PortRule ports(HostRule rule) {
        List<CiliumResources.Port> ports = new ArrayList<>();
        for (Map.Entry<Protocol, PortSet> service : new TreeMap<>(rule.services()).entrySet()) {
            String protocol = service.getKey().name();
            if (service.getValue().isAll()) {
                ports.add(new CiliumResources.Port("0", Optional.empty(), protocol));
                continue;
            }
            for (PortRange range : service.getValue().ranges()) {
                ports.add(new CiliumResources.Port(
                        Integer.toString(range.first()),
                        range.first() == range.last() ? Optional.empty() : Optional.of(range.last()),
                        protocol));
            }
        }
        return new CiliumResources.PortRule(ports);
    }
}
