package org.pcisegment.kube.generate;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.pcisegment.core.inventory.Inventory;
import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.ir.DirectionRules;
import org.pcisegment.core.ir.HostRules;
import org.pcisegment.core.ir.PeerPorts;
import org.pcisegment.core.ir.PolicyOrigin;
import org.pcisegment.core.ir.RuleSet;
import org.pcisegment.core.net.IpFamily;
import org.pcisegment.core.net.PortRange;
import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.PrefixSet;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.pci.Finding;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.core.source.InputException;

/**
 * Turns the compiled rule set (the IR) into one policy per inventory workload for the Kubernetes
 * targets. The IR already holds, per workload and direction, the exact union of every policy's
 * allows as disjoint (addresses, ports) pairs, so the generated policies mean what the source
 * means:
 *
 * <ul>
 *   <li>a workload is selected by its identity label {@value #WORKLOAD_LABEL}; a direction some
 *       policy restricts is listed in policyTypes, so default deny holds in every dialect;
 *   <li>addresses outside the inventory become address blocks; inventory workloads become pod
 *       selectors, because Kubernetes address blocks never match pods;
 *   <li>a peer workload is admitted on a port when every one of its addresses is (in the address
 *       families the two workloads share: traffic needs both ends in one family). Kubernetes selects
 *       pods whole, so a workload admitted on only some of its addresses cannot be expressed: it is
 *       left out, with a warning, and the output never admits more than the source.
 * </ul>
 */
public final class HostTranslation {
    /** The label that names a pod's inventory workload. */
    public static final String WORKLOAD_LABEL = "pci-segment.io/workload";

    private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,61}[a-z0-9])?");

    private final Inventory inventory;
    private final Set<Finding> findings = new LinkedHashSet<>();

    private HostTranslation(Inventory inventory) {
        this.inventory = inventory;
    }

    /** Per-workload policies, and warnings about what Kubernetes cannot express. */
    public record Translated(List<HostPolicy> policies, List<Finding> findings) {
        public Translated {
            policies = List.copyOf(policies);
            findings = List.copyOf(findings);
        }
    }

    public static Translated of(RuleSet ruleSet) {
        HostTranslation translation = new HostTranslation(ruleSet.inventory());
        List<HostPolicy> policies = new ArrayList<>();
        for (HostRules host : ruleSet.hosts()) {
            translation.host(host).ifPresent(policies::add);
        }
        return new Translated(policies, new ArrayList<>(translation.findings));
    }

    private Optional<HostPolicy> host(HostRules host) {
        Set<Direction> restricted = EnumSet.noneOf(Direction.class);
        Set<PolicyOrigin> sources = new LinkedHashSet<>();
        for (Direction direction : Direction.values()) {
            if (host.direction(direction).restricted()) {
                restricted.add(direction);
                sources.addAll(host.direction(direction).restrictedBy());
            }
        }
        if (restricted.isEmpty()) {
            return Optional.empty(); // open both ways: nothing to write
        }
        checkName(host.workload());
        return Optional.of(new HostPolicy(
                host.workload(),
                restricted,
                rules(host.workload(), host.ingress()),
                rules(host.workload(), host.egress()),
                List.copyOf(sources)));
    }

    private List<HostRule> rules(Workload subject, DirectionRules direction) {
        if (!direction.restricted()) {
            return List.of();
        }
        PrefixSet subjectAddresses = inventory.prefixesOf(subject);
        Map<String, Map<Protocol, PortSet>> byWorkload = new LinkedHashMap<>();
        List<Outside> outside = new ArrayList<>();
        for (Protocol protocol : Protocol.values()) {
            List<PeerPorts> entries = direction.peerPorts(protocol);
            for (PeerPorts entry : entries) {
                PrefixSet range =
                        PrefixSet.range(entry.range().first(), entry.range().last());
                PrefixSet beyond = range.minus(inventory.allAddresses());
                if (!beyond.isEmpty()) {
                    outside.add(new Outside(beyond, protocol, entry.ports()));
                }
            }
            for (Workload peer : inventory.workloads()) {
                PortSet whole = wholeCoverage(entries, inventory.prefixesOf(peer), subjectAddresses);
                PortSet touched = touched(entries, inventory.prefixesOf(peer), subjectAddresses);
                if (!whole.isEmpty()) {
                    byWorkload
                            .computeIfAbsent(peer.name(), k -> new EnumMap<>(Protocol.class))
                            .put(protocol, whole);
                }
                PortSet partial = touched.minus(whole);
                if (!partial.isEmpty()) {
                    findings.add(partial(subject, direction.direction(), peer, protocol, partial));
                }
            }
        }
        List<HostRule> rules = new ArrayList<>();
        // workloads with the same services share one rule
        Map<Map<Protocol, PortSet>, List<String>> groups = new LinkedHashMap<>();
        byWorkload.forEach((name, services) -> {
            checkName(inventory.byName(name).orElseThrow());
            groups.computeIfAbsent(services, k -> new ArrayList<>()).add(name);
        });
        groups.forEach((services, names) -> rules.add(new HostRule(names, List.of(), services)));
        rules.addAll(outsideRules(outside));
        return rules;
    }

    /** A piece of the outside with what one protocol may open to it. */
    private record Outside(PrefixSet addresses, Protocol protocol, PortSet ports) {}

    /** Outside addresses cut where their services differ, blocks with the same services in one rule. */
    private static List<HostRule> outsideRules(List<Outside> pieces) {
        List<PrefixSet> atoms = new ArrayList<>();
        for (Outside piece : pieces) {
            List<PrefixSet> next = new ArrayList<>();
            PrefixSet rest = piece.addresses();
            for (PrefixSet atom : atoms) {
                PrefixSet inside = atom.intersect(piece.addresses());
                PrefixSet beside = atom.minus(piece.addresses());
                if (!inside.isEmpty()) {
                    next.add(inside);
                }
                if (!beside.isEmpty()) {
                    next.add(beside);
                }
                rest = rest.minus(atom);
            }
            if (!rest.isEmpty()) {
                next.add(rest);
            }
            atoms = next;
        }
        Map<Map<Protocol, PortSet>, PrefixSet> groups = new LinkedHashMap<>();
        for (PrefixSet atom : atoms) {
            Map<Protocol, PortSet> services = new EnumMap<>(Protocol.class);
            for (Outside piece : pieces) {
                if (piece.addresses().containsAll(atom)) {
                    services.merge(piece.protocol(), piece.ports(), PortSet::union);
                }
            }
            groups.merge(services, atom, PrefixSet::union);
        }
        List<HostRule> rules = new ArrayList<>();
        groups.forEach((services, addresses) -> rules.add(new HostRule(List.of(), addresses.toCidrs(), services)));
        return rules;
    }

    /**
     * The ports on which every address of {@code peer} is admitted, in each family the subject has
     * too (none when they share no family: no traffic can pass between them).
     */
    private static PortSet wholeCoverage(List<PeerPorts> entries, PrefixSet peer, PrefixSet subject) {
        PortSet result = PortSet.all();
        boolean shared = false;
        for (IpFamily family : IpFamily.values()) {
            PrefixSet part = peer.only(family);
            if (part.isEmpty() || !subject.hasFamily(family)) {
                continue;
            }
            shared = true;
            result = result.intersect(portsCovering(entries, part));
        }
        return shared ? result : PortSet.empty();
    }

    /** Ports admitted for at least one address of the peer in a family the subject has. */
    private static PortSet touched(List<PeerPorts> entries, PrefixSet peer, PrefixSet subject) {
        PortSet result = PortSet.empty();
        for (PeerPorts entry : entries) {
            PrefixSet range =
                    PrefixSet.range(entry.range().first(), entry.range().last());
            if (range.overlaps(peer) && subject.hasFamily(entry.range().family())) {
                result = result.union(entry.ports());
            }
        }
        return result;
    }

    /** Ports p for which the entries admitting p cover all of {@code addresses}. */
    private static PortSet portsCovering(List<PeerPorts> entries, PrefixSet addresses) {
        List<PeerPorts> relevant = entries.stream()
                .filter(e ->
                        PrefixSet.range(e.range().first(), e.range().last()).overlaps(addresses))
                .toList();
        TreeSet<Integer> cuts = new TreeSet<>(List.of(PortSet.MIN_PORT, PortSet.MAX_PORT + 1));
        for (PeerPorts entry : relevant) {
            for (PortRange range : entry.ports().ranges()) {
                cuts.add(range.first());
                cuts.add(range.last() + 1);
            }
        }
        PortSet result = PortSet.empty();
        int start = cuts.first();
        for (int next : cuts.tailSet(start, false)) {
            PortSet interval = PortSet.range(start, next - 1);
            List<PrefixSet> admitting = new ArrayList<>();
            for (PeerPorts entry : relevant) {
                if (entry.ports().containsAll(interval)) {
                    admitting.add(
                            PrefixSet.range(entry.range().first(), entry.range().last()));
                }
            }
            if (!admitting.isEmpty() && PrefixSet.unionAll(admitting).containsAll(addresses)) {
                result = result.union(interval);
            }
            start = next;
        }
        return result;
    }

    private static Finding partial(
            Workload subject, Direction direction, Workload peer, Protocol protocol, PortSet ports) {
        return new Finding(
                "KUBE-GEN-PARTIAL-WORKLOAD",
                "1.2.5",
                Severity.WARNING,
                "the policies admit only some addresses of workload '" + peer.name() + "' "
                        + (direction == Direction.INGRESS ? "into '" : "from '") + subject.name() + "' on "
                        + protocol + " " + ports + "; Kubernetes selects pods whole, so the generated policy"
                        + " does not admit it there",
                peer.span(),
                "Cover all of the workload's addresses, or none, or select it by label.",
                Optional.empty());
    }

    private static void checkName(Workload workload) {
        if (!DNS_NAME.matcher(workload.name()).matches()) {
            throw new InputException(
                    workload.span(),
                    "workload name '" + workload.name() + "' is not a Kubernetes name (lower-case letters, digits,"
                            + " '-' and '.', at most 63): the generated policies name and select it by its name");
        }
    }
}
