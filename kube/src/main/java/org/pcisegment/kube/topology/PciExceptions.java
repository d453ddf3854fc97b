package org.pcisegment.kube.topology;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.core.source.SourceSpan;

/**
 * The exceptions file: reference ports per component type, per-type exceptions, the system
 * exceptions every namespace gets (DNS, Kubernetes API) and the explicit internet allowlist. Entries
 * that would open everything ({@code allow_all}, or no ports) are kept as {@link Refused} so the
 * generator can report them.
 */
public record PciExceptions(
        Map<String, List<ComponentPort>> wellKnownPorts,
        List<ComponentException> componentExceptions,
        Optional<Dns> dns,
        Optional<KubernetesApi> kubernetesApi,
        List<InternetException> internetExceptions,
        List<Refused> refused) {

    public PciExceptions {
        wellKnownPorts = Collections.unmodifiableMap(new LinkedHashMap<>(wellKnownPorts));
        componentExceptions = List.copyOf(componentExceptions);
        internetExceptions = List.copyOf(internetExceptions);
        refused = List.copyOf(refused);
    }

    /** Without a file: DNS to kube-dns and the API server through the default namespace, as seed 001 has it. */
    public static PciExceptions defaults() {
        return new PciExceptions(
                Map.of(),
                List.of(),
                Optional.of(Dns.DEFAULT),
                Optional.of(KubernetesApi.DEFAULT),
                List.of(),
                List.of());
    }

    /** Who the exception admits or reaches. */
    public sealed interface Peer {
        /** Every pod of one namespace. */
        record Namespace(String name) implements Peer {}

        /** The stack's components of one type. */
        record ComponentType(String type) implements Peer {}

        /** Every pod of every namespace. */
        record AllNamespaces() implements Peer {}

        /** Address blocks outside the cluster. */
        record Addresses(List<Cidr> cidrs) implements Peer {
            public Addresses {
                cidrs = List.copyOf(cidrs);
            }
        }
    }

    public record ComponentException(
            String type, Direction direction, Peer peer, List<ComponentPort> ports, String reason, SourceSpan span) {
        public ComponentException {
            ports = List.copyOf(ports);
        }
    }

    /** DNS lookups: egress to the DNS pods of a namespace. */
    public record Dns(String namespace, Map<String, String> labels, List<ComponentPort> ports) {
        public static final Dns DEFAULT = new Dns(
                "kube-system",
                Map.of("k8s-app", "kube-dns"),
                List.of(new ComponentPort(53, Protocol.UDP), new ComponentPort(53, Protocol.TCP)));

        public Dns {
            labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
            ports = List.copyOf(ports);
        }
    }

    /** The Kubernetes API: its endpoint addresses, or (as in seed 001) the default namespace. */
    public record KubernetesApi(Peer peer, List<ComponentPort> ports) {
        public static final KubernetesApi DEFAULT =
                new KubernetesApi(new Peer.Namespace("default"), List.of(new ComponentPort(443, Protocol.TCP)));

        public KubernetesApi {
            ports = List.copyOf(ports);
        }
    }

    public record InternetException(
            String type, Set<Direction> directions, List<ComponentPort> ports, String reason, SourceSpan span) {
        public InternetException {
            directions = Set.copyOf(directions);
            ports = List.copyOf(ports);
        }
    }

    /** An exception that would open every port; it is not generated. */
    public record Refused(String what, String why, SourceSpan span) {}
}
