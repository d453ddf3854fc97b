package org.pcisegment.kube.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.net.PortRange;
import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.policy.Direction;

/**
 * Writes per-workload policies for Calico, all in one {@code pci} tier. Each workload's
 * NetworkPolicy (order {@value #WORKLOAD_ORDER}) allows exactly what the source allows and ends each
 * restricted direction with an explicit Deny, so nothing it does not allow reaches a later policy.
 * A GlobalNetworkPolicy after them (order {@value #GUARD_ORDER}), as in seed 003, sees only the
 * directions the source leaves open on CDE pods: it denies traffic between CDE and non-CDE pods
 * there, allows DNS to kube-dns, and passes everything else on to the default tier.
 */
public final class CalicoEmitter {
    public static final String TIER = "pci";
    static final int TIER_ORDER = 100;
    static final int WORKLOAD_ORDER = 100;
    static final int GUARD_ORDER = 200;
    static final String CDE_SELECTOR = Workload.CDE_LABEL + " == '" + Workload.CDE_VALUE + "'";
    static final String NON_CDE_SELECTOR = Workload.CDE_LABEL + " != '" + Workload.CDE_VALUE + "'";

    private CalicoEmitter() {}

    public static List<GeneratedResource> emit(List<HostPolicy> policies, String namespace) {
        List<GeneratedResource> resources = new ArrayList<>();
        resources.add(tier());
        for (HostPolicy policy : policies) {
            CalicoResources.Policy resource = new CalicoResources.Policy(
                    CalicoResources.API_VERSION,
                    "NetworkPolicy",
                    new ResourceMetadata(
                            TIER + "." + policy.name(),
                            Optional.of(namespace),
                            Generated.labels(),
                            Generated.annotations(policy)),
                    new CalicoResources.PolicySpec(
                            TIER,
                            WORKLOAD_ORDER,
                            Generated.calicoIdentities(List.of(policy.name())),
                            Optional.empty(),
                            policy.restricted().stream()
                                    .sorted()
                                    .map(Direction::yamlName)
                                    .toList(),
                            rules(policy, Direction.INGRESS),
                            rules(policy, Direction.EGRESS)));
            resources.add(new GeneratedResource(
                    "calico-networkpolicy__" + namespace + "__" + policy.name() + ".yaml",
                    "NetworkPolicy",
                    namespace,
                    TIER + "." + policy.name(),
                    resource,
                    Generated.sources(policy),
                    Generated.purpose(policy)));
        }
        resources.add(guard(namespace));
        return resources;
    }

    private static GeneratedResource tier() {
        return new GeneratedResource(
                "calico-tier__" + TIER + ".yaml",
                "Tier",
                "",
                TIER,
                new CalicoResources.Tier(
                        CalicoResources.API_VERSION,
                        "Tier",
                        new ResourceMetadata(TIER, Optional.empty(), Generated.labels(), Map.of()),
                        new CalicoResources.TierSpec(TIER_ORDER)),
                "",
                "the pci-segment policies, evaluated before the default tier");
    }

    /** Seed 003's isolation for the CDE pods of the namespace, after the workloads' policies. */
    private static GeneratedResource guard(String namespace) {
        String name = TIER + ".cde-isolation";
        Optional<String> thisNamespace = Optional.of("projectcalico.org/name == '" + namespace + "'");
        List<CalicoResources.Rule> egress = new ArrayList<>();
        for (Protocol protocol : List.of(Protocol.UDP, Protocol.TCP)) {
            egress.add(new CalicoResources.Rule(
                    "Allow",
                    Optional.of(protocol.name()),
                    Optional.empty(),
                    Optional.of(new CalicoResources.Entity(
                            Optional.of("k8s-app == 'kube-dns'"),
                            Optional.of("projectcalico.org/name == 'kube-system'"),
                            List.of(),
                            List.of("53")))));
        }
        egress.add(new CalicoResources.Rule(
                "Deny",
                Optional.empty(),
                Optional.empty(),
                Optional.of(CalicoResources.Entity.selector(NON_CDE_SELECTOR))));
        egress.add(pass());
        List<CalicoResources.Rule> ingress = List.of(
                new CalicoResources.Rule(
                        "Deny",
                        Optional.empty(),
                        Optional.of(CalicoResources.Entity.selector(NON_CDE_SELECTOR)),
                        Optional.empty()),
                pass());
        return new GeneratedResource(
                "calico-globalnetworkpolicy__" + name + ".yaml",
                "GlobalNetworkPolicy",
                "",
                name,
                new CalicoResources.Policy(
                        CalicoResources.API_VERSION,
                        "GlobalNetworkPolicy",
                        new ResourceMetadata(
                                name,
                                Optional.empty(),
                                Generated.labels(),
                                Map.of(
                                        Generated.PURPOSE_ANNOTATION,
                                        "deny traffic between CDE and non-CDE pods of namespace " + namespace
                                                + " where no pci-segment policy restricts it; DNS allowed")),
                        new CalicoResources.PolicySpec(
                                TIER,
                                GUARD_ORDER,
                                CDE_SELECTOR,
                                thisNamespace,
                                List.of("Ingress", "Egress"),
                                ingress,
                                egress)),
                "",
                "CDE isolation where the source leaves a direction open");
    }

    private static CalicoResources.Rule pass() {
        return new CalicoResources.Rule("Pass", Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The allows of one direction and, when the direction is restricted, the Deny that closes it. */
    private static List<CalicoResources.Rule> rules(HostPolicy policy, Direction direction) {
        if (!policy.restricted().contains(direction)) {
            return List.of();
        }
        List<CalicoResources.Rule> result = new ArrayList<>();
        for (HostRule rule : policy.rules(direction)) {
            CalicoResources.Entity peer = rule.workloads().isEmpty()
                    ? CalicoResources.Entity.nets(
                            rule.outside().stream().map(Cidr::canonical).toList())
                    : CalicoResources.Entity.selector(Generated.calicoIdentities(rule.workloads()));
            // one rule per protocol: a rule without protocol would match ICMP too
            for (Map.Entry<Protocol, PortSet> service : new TreeMap<>(rule.services()).entrySet()) {
                List<String> ports = service.getValue().isAll()
                        ? List.of()
                        : service.getValue().ranges().stream()
                                .map(CalicoEmitter::port)
                                .toList();
                CalicoResources.Entity local =
                        new CalicoResources.Entity(Optional.empty(), Optional.empty(), List.of(), ports);
                result.add(
                        direction == Direction.INGRESS
                                ? new CalicoResources.Rule(
                                        "Allow",
                                        Optional.of(service.getKey().name()),
                                        Optional.of(peer),
                                        ports.isEmpty() ? Optional.empty() : Optional.of(local))
                                : new CalicoResources.Rule(
                                        "Allow",
                                        Optional.of(service.getKey().name()),
                                        Optional.empty(),
                                        Optional.of(peer.withPorts(ports))));
            }
        }
        result.add(new CalicoResources.Rule("Deny", Optional.empty(), Optional.empty(), Optional.empty()));
        return result;
    }

    private static String port(PortRange range) {
        return range.first() == range.last() ? Integer.toString(range.first()) : range.first() + ":" + range.last();
    }
}
