package org.pcisegment.kube.generate;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.pcisegment.core.analysis.Opening;
import org.pcisegment.core.analysis.Reachability;
import org.pcisegment.core.analysis.Zone;
import org.pcisegment.core.inventory.Inventory;
import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.net.IpFamily;
import org.pcisegment.core.net.IpRange;
import org.pcisegment.core.net.PortRange;
import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.PrefixSet;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.kube.analysis.Connection;
import org.pcisegment.kube.analysis.Connections;
import org.pcisegment.kube.analysis.Connectivity;
import org.pcisegment.kube.analysis.Peer;
import org.pcisegment.kube.yaml.KubeYaml;

/**
 * Compares pci-segment's analysis of a policy set with {@code kube analyze} of the generated
 * policies over one pod per inventory workload. pci-segment's analysis is per address; Kubernetes
 * selects pods whole, so a port counts as open between two zones when it is open for every pair of
 * their addresses (of each address family both have). Outside blocks are compared on their
 * addresses outside the inventory (the inventory's own addresses are pods in Kubernetes).
 */
final class Equivalence {
    private Equivalence() {}

    /** Writes one pod per inventory workload, labelled as in the inventory plus its identity label. */
    static Path writePods(Inventory inventory, String namespace, Path directory) throws Exception {
        StringBuilder yaml = new StringBuilder();
        for (Workload workload : inventory.workloads()) {
            Map<String, String> labels = new TreeMap<>(workload.labels());
            labels.put(HostTranslation.WORKLOAD_LABEL, workload.name());
            Pod pod = new PodBuilder()
                    .withNewMetadata()
                    .withName(workload.name())
                    .withNamespace(namespace)
                    .withLabels(labels)
                    .endMetadata()
                    .withNewSpec()
                    .addNewContainer()
                    .withName("main")
                    .endContainer()
                    .endSpec()
                    .build();
            yaml.append("---\n").append(KubeYaml.write(pod));
        }
        return Files.writeString(directory.resolve("pods.yaml"), yaml);
    }

    /** Lines "FROM => TO : CONN" for the core analysis, in kube analyze's naming, over kube's blocks. */
    static List<String> expected(Reachability reachability, Connectivity kube, String namespace) {
        Inventory inventory = reachability.ruleSet().inventory();
        Map<String, Map<String, List<Opening>>> openings = new HashMap<>();
        reachability
                .connections()
                .forEach(c -> openings.computeIfAbsent(c.from().name(), k -> new HashMap<>())
                        .put(c.to().name(), c.openings()));
        Zone outside = reachability.zones().stream()
                .filter(Zone::isOutside)
                .findFirst()
                .orElseThrow();
        List<String> lines = new ArrayList<>();
        List<Zone> workloads =
                reachability.zones().stream().filter(z -> !z.isOutside()).toList();
        for (Zone from : workloads) {
            for (Zone to : workloads) {
                if (from != to) {
                    open(openings, from.name(), to.name(), from.addresses(), to.addresses())
                            .ifPresent(c -> lines.add(pod(namespace, from) + " => " + pod(namespace, to) + " : " + c));
                }
            }
        }
        // the outside blocks kube analyze cut, per side
        TreeSet<String> sources = new TreeSet<>();
        TreeSet<String> destinations = new TreeSet<>();
        Map<String, IpRange> blocks = new HashMap<>();
        for (Connection connection : kube.connections()) {
            if (connection.source() instanceof Peer.ExternalPeer e) {
                sources.add(e.display());
                blocks.put(e.display(), e.range());
            }
            if (connection.destination() instanceof Peer.ExternalPeer e) {
                destinations.add(e.display());
                blocks.put(e.display(), e.range());
            }
        }
        for (Zone workload : workloads) {
            for (String block : sources) {
                PrefixSet addresses = outsidePart(blocks.get(block), inventory);
                open(openings, outside.name(), workload.name(), addresses, workload.addresses())
                        .ifPresent(c -> lines.add(block + " => " + pod(namespace, workload) + " : " + c));
            }
            for (String block : destinations) {
                PrefixSet addresses = outsidePart(blocks.get(block), inventory);
                open(openings, workload.name(), outside.name(), workload.addresses(), addresses)
                        .ifPresent(c -> lines.add(pod(namespace, workload) + " => " + block + " : " + c));
            }
        }
        return lines.stream().sorted().toList();
    }

    /**
     * kube analyze's lines, less those pci-segment's model cannot have: an outside block made only of
     * inventory addresses (those are pods in Kubernetes), an outside block of an address family the
     * workload has no address in, and two workloads without a common family.
     */
    static List<String> comparable(Connectivity kube, Inventory inventory) {
        return kube.connections().stream()
                .filter(c -> comparable(c.source(), c.destination(), inventory)
                        && comparable(c.destination(), c.source(), inventory))
                .map(Connection::line)
                .sorted()
                .toList();
    }

    private static boolean comparable(Peer peer, Peer other, Inventory inventory) {
        PrefixSet otherAddresses = addresses(other, inventory);
        return switch (peer) {
            case Peer.ExternalPeer e ->
                !outsidePart(e.range(), inventory).isEmpty()
                        && otherAddresses.hasFamily(e.range().family());
            case Peer.WorkloadPeer w ->
                !(other instanceof Peer.WorkloadPeer)
                        || java.util.Arrays.stream(IpFamily.values())
                                .anyMatch(f -> addresses(peer, inventory).hasFamily(f) && otherAddresses.hasFamily(f));
        };
    }

    private static PrefixSet addresses(Peer peer, Inventory inventory) {
        return switch (peer) {
            case Peer.ExternalPeer e ->
                PrefixSet.range(e.range().first(), e.range().last());
            case Peer.WorkloadPeer w ->
                inventory
                        .byName(w.workload().id().name())
                        .map(inventory::prefixesOf)
                        .orElseThrow();
        };
    }

    private static PrefixSet outsidePart(IpRange block, Inventory inventory) {
        return PrefixSet.range(block.first(), block.last()).minus(inventory.allAddresses());
    }

    private static String pod(String namespace, Zone zone) {
        return namespace + "/" + zone.name() + "[Pod]";
    }

    /**
     * The ports open for every address pair of {@code from} x {@code to} (per family both have), as
     * connlist text; empty when none (or when the sides share no family: Kubernetes pods have no
     * family, pci-segment workloads do, so such pairs are not compared).
     */
    private static java.util.Optional<String> open(
            Map<String, Map<String, List<Opening>>> openings,
            String fromZone,
            String toZone,
            PrefixSet from,
            PrefixSet to) {
        List<Opening> list = openings.getOrDefault(fromZone, Map.of()).getOrDefault(toZone, List.of());
        Map<Protocol, PortSet> open = new EnumMap<>(Protocol.class);
        boolean shared = false;
        for (Protocol protocol : Protocol.values()) {
            PortSet ports = PortSet.all();
            for (IpFamily family : IpFamily.values()) {
                PrefixSet a = from.only(family);
                PrefixSet b = to.only(family);
                if (a.isEmpty() || b.isEmpty()) {
                    continue;
                }
                shared = true;
                ports = ports.intersect(fullyOpen(
                        a,
                        b,
                        list.stream().filter(o -> o.protocol() == protocol).toList()));
            }
            open.put(protocol, ports);
        }
        if (!shared) {
            return java.util.Optional.empty();
        }
        Connections connections = Connections.none();
        for (Map.Entry<Protocol, PortSet> entry : open.entrySet()) {
            if (!entry.getValue().isEmpty()) {
                connections = connections.union(Connections.of(entry.getKey(), entry.getValue()));
            }
        }
        return connections.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(connections.toString());
    }

    /** Ports p such that from x to lies within the union of the openings that include p. */
    private static PortSet fullyOpen(PrefixSet from, PrefixSet to, List<Opening> openings) {
        TreeSet<Integer> cuts = new TreeSet<>(List.of(PortSet.MIN_PORT, PortSet.MAX_PORT + 1));
        for (Opening opening : openings) {
            for (PortRange range : opening.ports().ranges()) {
                cuts.add(range.first());
                cuts.add(range.last() + 1);
            }
        }
        PortSet result = PortSet.empty();
        Integer start = cuts.first();
        for (Integer next : cuts.tailSet(start, false)) {
            PortSet interval = PortSet.range(start, next - 1);
            List<Opening> containing = openings.stream()
                    .filter(o -> o.ports().containsAll(interval))
                    .toList();
            if (covered(from, to, containing)) {
                result = result.union(interval);
            }
            start = next;
        }
        return result;
    }

    private static boolean covered(PrefixSet from, PrefixSet to, List<Opening> openings) {
        List<PrefixSet> pieces = new ArrayList<>(List.of(from));
        for (Opening opening : openings) {
            List<PrefixSet> refined = new ArrayList<>();
            for (PrefixSet piece : pieces) {
                PrefixSet inside = piece.intersect(opening.from());
                PrefixSet outside = piece.minus(opening.from());
                if (!inside.isEmpty()) {
                    refined.add(inside);
                }
                if (!outside.isEmpty()) {
                    refined.add(outside);
                }
            }
            pieces = refined;
        }
        for (PrefixSet piece : pieces) {
            PrefixSet reached = PrefixSet.empty();
            for (Opening opening : openings) {
                if (opening.from().containsAll(piece)) {
                    reached = reached.union(opening.to());
                }
            }
            if (!reached.containsAll(to)) {
                return false;
            }
        }
        return true;
    }
}
