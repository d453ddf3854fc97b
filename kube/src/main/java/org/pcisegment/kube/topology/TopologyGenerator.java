package org.pcisegment.kube.topology;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.net.IpFamily;
import org.pcisegment.core.pci.Finding;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.core.source.InputException;
import org.pcisegment.kube.model.ClusterNamespace;
import org.pcisegment.kube.topology.TopologyPolicy.Category;

/**
 * Turns a stack topology into NetworkPolicies, in the manner of seed 001's PCI strict mode:
 *
 * <ul>
 *   <li>default-deny ingress and egress in every namespace of the stack (1.2.1, 1.3.1, 1.3.2);
 *   <li>for every link A → B an egress rule at A and an ingress rule at B, on B's ports (1.2.5);
 *   <li>pods of one namespace talk to each other on that namespace's component ports only;
 *   <li>DNS and Kubernetes API egress for every namespace (system exceptions);
 *   <li>per component type exceptions with explicit ports (both ends when the peer is a component);
 *   <li>an explicit internet allowlist (1.4.1, 1.4.2); the cluster's own networks are never
 *       "internet".
 * </ul>
 *
 * Every policy lists its policyTypes, so that Kubernetes and pci-segment read it the same way.
 * Exceptions that would open every port are refused and reported.
 */
public final class TopologyGenerator {
    public static final String MANAGED_BY = "pci-segment";
    public static final String PURPOSE_ANNOTATION = "pci-segment.io/purpose";
    public static final String PCI_DSS_ANNOTATION = "pci-segment.io/pci-dss";
    public static final String STACK_LABEL = "pci-segment.io/stack";

    private final StackTopology stack;
    private final PciExceptions exceptions;
    private final List<TopologyPolicy> policies = new ArrayList<>();
    private final List<Flow> flows = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();

    private TopologyGenerator(StackTopology stack, PciExceptions exceptions) {
        this.stack = stack;
        this.exceptions = exceptions;
    }

    public static TopologyResult generate(StackTopology stack, PciExceptions exceptions) {
        TopologyGenerator generator = new TopologyGenerator(stack, exceptions);
        generator.run();
        return new TopologyResult(stack, generator.policies, generator.flows, generator.findings);
    }

    private void run() {
        for (String namespace : stack.namespaces()) {
            defaultDeny(namespace);
            intraNamespace(namespace);
            exceptions.dns().ifPresent(dns -> dns(namespace, dns));
            exceptions.kubernetesApi().ifPresent(api -> kubernetesApi(namespace, api));
        }
        for (Link link : stack.links()) {
            link(link);
        }
        int index = 0;
        for (PciExceptions.ComponentException exception : exceptions.componentExceptions()) {
            componentException(exception, index++);
        }
        for (PciExceptions.InternetException exception : exceptions.internetExceptions()) {
            internet(exception);
        }
        for (PciExceptions.Refused refused : exceptions.refused()) {
            findings.add(new Finding(
                    "TOPO-EXCEPTION-ALLOW-ALL",
                    "1.2.5",
                    Severity.ERROR,
                    refused.what() + " refused: " + refused.why(),
                    refused.span(),
                    "List the ports the component type needs, each with its business reason.",
                    Optional.empty()));
        }
    }

    // ------------------------------------------------------------------ the rules

    private void defaultDeny(String namespace) {
        add(
                namespace,
                "default-deny-ingress",
                Map.of(),
                Set.of(Direction.INGRESS),
                List.of(),
                List.of(),
                Category.DEFAULT_DENY,
                "deny all ingress not allowed by another policy",
                List.of("1.2.1", "1.3.1"));
        add(
                namespace,
                "default-deny-egress",
                Map.of(),
                Set.of(Direction.EGRESS),
                List.of(),
                List.of(),
                Category.DEFAULT_DENY,
                "deny all egress not allowed by another policy",
                List.of("1.2.1", "1.3.2"));
    }

    private void intraNamespace(String namespace) {
        List<ComponentPort> ports = stack.components().stream()
                .filter(c -> c.namespace().equals(namespace))
                .flatMap(c -> c.ports().stream())
                .distinct()
                .sorted((a, b) -> a.protocol() != b.protocol()
                        ? a.protocol().compareTo(b.protocol())
                        : Integer.compare(a.port(), b.port()))
                .toList();
        NetworkPolicyPeer sameNamespace = new NetworkPolicyPeerBuilder()
                .withPodSelector(new LabelSelector())
                .build();
        add(
                namespace,
                "allow-intra-namespace",
                Map.of(),
                Set.of(Direction.INGRESS, Direction.EGRESS),
                List.of(ingress(List.of(sameNamespace), ports)),
                List.of(egress(List.of(sameNamespace), ports)),
                Category.INTRA_NAMESPACE,
                "pods of namespace " + namespace + " talk to each other on its components' ports",
                List.of("1.2.5"));
        flows.add(new Flow("ns:" + namespace, "ns:" + namespace, portText(ports), Category.INTRA_NAMESPACE));
    }

    private void dns(String namespace, PciExceptions.Dns dns) {
        add(
                namespace,
                "allow-dns-egress",
                Map.of(),
                Set.of(Direction.EGRESS),
                List.of(),
                List.of(egress(List.of(podsIn(dns.namespace(), dns.labels())), dns.ports())),
                Category.SYSTEM_EXCEPTION,
                "DNS lookups to " + dns.namespace() + " " + selectorText(dns.labels()),
                List.of("1.2.5"));
        flows.add(new Flow("ns:" + namespace, "dns", portText(dns.ports()), Category.SYSTEM_EXCEPTION));
    }

    private void kubernetesApi(String namespace, PciExceptions.KubernetesApi api) {
        add(
                namespace,
                "allow-kube-api-egress",
                Map.of(),
                Set.of(Direction.EGRESS),
                List.of(),
                List.of(egress(peers(api.peer()), api.ports())),
                Category.SYSTEM_EXCEPTION,
                "Kubernetes API server",
                List.of("1.2.5"));
        flows.add(new Flow("ns:" + namespace, "kube-api", portText(api.ports()), Category.SYSTEM_EXCEPTION));
    }

    private void link(Link link) {
        Component from = stack.component(link.from())
                .orElseThrow(
                        () -> new InputException(link.span(), "link from unknown component '" + link.from() + "'"));
        Component to = stack.component(link.to())
                .orElseThrow(() -> new InputException(link.span(), "link to unknown component '" + link.to() + "'"));
        List<ComponentPort> ports = link.ports().isEmpty() ? to.ports() : link.ports();
        for (ComponentPort port : ports) {
            if (!to.ports().contains(port)) {
                throw new InputException(
                        link.span(),
                        "link " + from.name() + " -> " + to.name() + " uses port " + port + ", which " + to.name()
                                + " does not serve (its ports: " + portText(to.ports()) + ")");
            }
        }
        String purpose = "link " + from.name() + " -> " + to.name() + " on " + portText(ports);
        add(
                from.namespace(),
                "link-" + from.name() + "-to-" + to.name() + "-egress",
                from.labels(),
                Set.of(Direction.EGRESS),
                List.of(),
                List.of(egress(List.of(component(to)), ports)),
                Category.LINK,
                purpose,
                List.of("1.2.5"));
        add(
                to.namespace(),
                "link-" + from.name() + "-to-" + to.name() + "-ingress",
                to.labels(),
                Set.of(Direction.INGRESS),
                List.of(ingress(List.of(component(from)), ports)),
                List.of(),
                Category.LINK,
                purpose,
                List.of("1.2.5"));
        flows.add(new Flow(from.name(), to.name(), portText(ports), Category.LINK));
    }

    private void componentException(PciExceptions.ComponentException exception, int index) {
        String reason = exception.reason().isBlank() ? "" : " (" + exception.reason() + ")";
        for (Component component : stack.ofType(exception.type())) {
            Direction direction = exception.direction();
            String name = "exception-" + component.name() + "-" + direction.sectionField() + "-" + index;
            if (exception.peer() instanceof PciExceptions.Peer.ComponentType type) {
                for (Component other : stack.ofType(type.type())) {
                    String purpose = exception.type() + " exception: " + direction.sectionField() + " "
                            + (direction == Direction.INGRESS ? "from " : "to ") + other.name() + reason;
                    one(
                            component,
                            name + "-" + other.name(),
                            direction,
                            List.of(component(other)),
                            exception.ports(),
                            purpose);
                    // the peer is in the stack and denies by default too: open its side of the same flow
                    one(
                            other,
                            name + "-" + other.name() + "-peer",
                            direction.opposite(),
                            List.of(component(component)),
                            exception.ports(),
                            purpose);
                    flows.add(
                            direction == Direction.INGRESS
                                    ? new Flow(
                                            other.name(),
                                            component.name(),
                                            portText(exception.ports()),
                                            Category.COMPONENT_EXCEPTION)
                                    : new Flow(
                                            component.name(),
                                            other.name(),
                                            portText(exception.ports()),
                                            Category.COMPONENT_EXCEPTION));
                }
                continue;
            }
            String purpose = exception.type() + " exception: " + direction.sectionField() + " "
                    + (direction == Direction.INGRESS ? "from " : "to ") + peerText(exception.peer()) + reason;
            one(component, name, direction, peers(exception.peer()), exception.ports(), purpose);
            String peer = peerNode(exception.peer());
            flows.add(
                    direction == Direction.INGRESS
                            ? new Flow(
                                    peer, component.name(), portText(exception.ports()), Category.COMPONENT_EXCEPTION)
                            : new Flow(
                                    component.name(), peer, portText(exception.ports()), Category.COMPONENT_EXCEPTION));
        }
    }

    private void internet(PciExceptions.InternetException exception) {
        String reason = exception.reason().isBlank() ? "" : " (" + exception.reason() + ")";
        List<NetworkPolicyPeer> internet = internetPeers();
        for (Component component : stack.ofType(exception.type())) {
            for (Direction direction : Direction.values()) {
                if (!exception.directions().contains(direction)) {
                    continue;
                }
                String purpose = "internet " + direction.sectionField() + " for " + exception.type() + reason;
                add(
                        component.namespace(),
                        "internet-" + component.name() + "-" + direction.sectionField(),
                        component.labels(),
                        Set.of(direction),
                        direction == Direction.INGRESS ? List.of(ingress(internet, exception.ports())) : List.of(),
                        direction == Direction.EGRESS ? List.of(egress(internet, exception.ports())) : List.of(),
                        Category.INTERNET_EXCEPTION,
                        purpose,
                        List.of(direction == Direction.INGRESS ? "1.4.2" : "1.4.1"));
                flows.add(
                        direction == Direction.INGRESS
                                ? new Flow(
                                        "internet",
                                        component.name(),
                                        portText(exception.ports()),
                                        Category.INTERNET_EXCEPTION)
                                : new Flow(
                                        component.name(),
                                        "internet",
                                        portText(exception.ports()),
                                        Category.INTERNET_EXCEPTION));
            }
        }
    }

    private void one(
            Component component,
            String name,
            Direction direction,
            List<NetworkPolicyPeer> peers,
            List<ComponentPort> ports,
            String purpose) {
        add(
                component.namespace(),
                name,
                component.labels(),
                Set.of(direction),
                direction == Direction.INGRESS ? List.of(ingress(peers, ports)) : List.of(),
                direction == Direction.EGRESS ? List.of(egress(peers, ports)) : List.of(),
                Category.COMPONENT_EXCEPTION,
                purpose,
                List.of("1.2.5"));
    }

    // ------------------------------------------------------------------ building blocks (typed, fabric8)

    private void add(
            String namespace,
            String name,
            Map<String, String> podLabels,
            Set<Direction> types,
            List<NetworkPolicyIngressRule> ingress,
            List<NetworkPolicyEgressRule> egress,
            Category category,
            String purpose,
            List<String> pciDss) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("app.kubernetes.io/managed-by", MANAGED_BY);
        labels.put(STACK_LABEL, stack.name());
        Map<String, String> annotations = new TreeMap<>();
        annotations.put(PURPOSE_ANNOTATION, purpose);
        annotations.put(
                PCI_DSS_ANNOTATION,
                String.join(", ", pciDss.stream().map(r -> "Req " + r).toList()));
        NetworkPolicy policy = new NetworkPolicyBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .withLabels(labels)
                .withAnnotations(annotations)
                .endMetadata()
                .withNewSpec()
                .withPodSelector(selector(podLabels))
                .withPolicyTypes(
                        types.stream().sorted().map(Direction::yamlName).toList())
                .withIngress(ingress)
                .withEgress(egress)
                .endSpec()
                .build();
        policies.add(new TopologyPolicy(policy, category, purpose, pciDss));
    }

    private static NetworkPolicyIngressRule ingress(List<NetworkPolicyPeer> from, List<ComponentPort> ports) {
        return new NetworkPolicyIngressRuleBuilder()
                .withFrom(from)
                .withPorts(ports(ports))
                .build();
    }

    private static NetworkPolicyEgressRule egress(List<NetworkPolicyPeer> to, List<ComponentPort> ports) {
        return new NetworkPolicyEgressRuleBuilder()
                .withTo(to)
                .withPorts(ports(ports))
                .build();
    }

    private static List<NetworkPolicyPort> ports(List<ComponentPort> ports) {
        return ports.stream()
                .map(p -> new NetworkPolicyPortBuilder()
                        .withProtocol(p.protocol().name())
                        .withPort(new IntOrString(p.port()))
                        .build())
                .toList();
    }

    private static LabelSelector selector(Map<String, String> labels) {
        return new LabelSelectorBuilder().withMatchLabels(new TreeMap<>(labels)).build();
    }

    private static NetworkPolicyPeer component(Component component) {
        return podsIn(component.namespace(), component.labels());
    }

    private static NetworkPolicyPeer podsIn(String namespace, Map<String, String> labels) {
        return new NetworkPolicyPeerBuilder()
                .withNamespaceSelector(selector(Map.of(ClusterNamespace.NAME_LABEL, namespace)))
                .withPodSelector(selector(labels))
                .build();
    }

    private List<NetworkPolicyPeer> peers(PciExceptions.Peer peer) {
        return switch (peer) {
            case PciExceptions.Peer.Namespace namespace ->
                List.of(new NetworkPolicyPeerBuilder()
                        .withNamespaceSelector(selector(Map.of(ClusterNamespace.NAME_LABEL, namespace.name())))
                        .build());
            case PciExceptions.Peer.AllNamespaces all ->
                List.of(new NetworkPolicyPeerBuilder()
                        .withNamespaceSelector(new LabelSelector())
                        .build());
            case PciExceptions.Peer.Addresses addresses ->
                addresses.cidrs().stream()
                        .map(c -> new NetworkPolicyPeerBuilder()
                                .withIpBlock(new IPBlock(c.canonical(), List.of()))
                                .build())
                        .toList();
            case PciExceptions.Peer.ComponentType type ->
                stack.ofType(type.type()).stream()
                        .map(TopologyGenerator::component)
                        .toList();
        };
    }

    /** Everything outside the cluster: every address but the cluster's pod and service networks. */
    private List<NetworkPolicyPeer> internetPeers() {
        List<NetworkPolicyPeer> peers = new ArrayList<>();
        Set<IpFamily> families = new LinkedHashSet<>(List.of(IpFamily.V4));
        stack.clusterNetworks().forEach(c -> families.add(c.family()));
        for (IpFamily family : families) {
            List<String> except = stack.clusterNetworks().stream()
                    .filter(c -> c.family() == family)
                    .map(Cidr::canonical)
                    .toList();
            peers.add(new NetworkPolicyPeerBuilder()
                    .withIpBlock(new IPBlock(family == IpFamily.V4 ? "0.0.0.0/0" : "::/0", except))
                    .build());
        }
        return peers;
    }

    // ------------------------------------------------------------------ text

    static String portText(List<ComponentPort> ports) {
        Map<String, List<String>> byProtocol = new LinkedHashMap<>();
        for (ComponentPort port : ports) {
            byProtocol
                    .computeIfAbsent(port.protocol().name(), p -> new ArrayList<>())
                    .add(Integer.toString(port.port()));
        }
        return byProtocol.entrySet().stream()
                .map(e -> e.getKey() + " " + String.join(",", e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String selectorText(Map<String, String> labels) {
        return labels.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    private static String peerText(PciExceptions.Peer peer) {
        return switch (peer) {
            case PciExceptions.Peer.Namespace namespace -> "namespace " + namespace.name();
            case PciExceptions.Peer.AllNamespaces all -> "all namespaces";
            case PciExceptions.Peer.Addresses addresses ->
                addresses.cidrs().stream().map(Cidr::canonical).collect(Collectors.joining(", "));
            case PciExceptions.Peer.ComponentType type -> "components of type " + type.type();
        };
    }

    private static String peerNode(PciExceptions.Peer peer) {
        return switch (peer) {
            case PciExceptions.Peer.Namespace namespace -> "ns:" + namespace.name();
            case PciExceptions.Peer.AllNamespaces all -> "all-namespaces";
            case PciExceptions.Peer.Addresses addresses -> "cidr:" + peerText(peer);
            case PciExceptions.Peer.ComponentType type -> "type:" + type.type();
        };
    }
}
