package org.pcisegment.core.ir;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pcisegment.core.inventory.Inventory;
import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.PrefixSet;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.net.WellKnownPorts;
import org.pcisegment.core.policy.LabelSelector;
import org.pcisegment.core.policy.Located;
import org.pcisegment.core.policy.Peer;
import org.pcisegment.core.policy.Policy;
import org.pcisegment.core.policy.PolicyRule;
import org.pcisegment.core.policy.PortSpec;

/**
 * Gives policy text its meaning against an inventory: which addresses a peer covers, which
 * workloads a policy selects, which protocols and ports a rule opens. The PCI rules and the
 * compiler both use it, so validation and enforcement read policies the same way. Values that do
 * not parse resolve to nothing (the schema rules report them; invalid sets are never compiled).
 *
 * <p>Answers are memoized per policy, rule and peer object: validation rules ask about the same
 * policy many times, and workloads and policies are immutable. One resolver serves one thread.
 */
public final class PolicyResolver {
    private final Inventory inventory;
    // Equal selectors (same canonical text) are resolved once; answers are cached per object too.
    private final Map<String, List<Workload>> selected = new HashMap<>();
    private final Map<String, PrefixSet> selectedAddresses = new HashMap<>();
    private final Map<Policy, List<Workload>> subjects = new IdentityHashMap<>();
    private final Map<Peer, PrefixSet> peerAddresses = new IdentityHashMap<>();
    private final Map<PolicyRule, PrefixSet> ruleAddresses = new IdentityHashMap<>();

    public PolicyResolver(Inventory inventory) {
        this.inventory = inventory;
    }

    public Inventory inventory() {
        return inventory;
    }

    public static Optional<Cidr> cidr(Located<String> text) {
        return switch (Cidr.parse(text.value(), false)) {
            case Cidr.Valid valid -> Optional.of(valid.cidr());
            case Cidr.Invalid invalid -> Optional.empty();
        };
    }

    /** The workloads a policy applies to. */
    public List<Workload> subjects(Policy policy) {
        return subjects.computeIfAbsent(policy, p -> select(p.podSelector()));
    }

    /** The inventory workloads a selector matches, computed once per distinct selector. */
    public List<Workload> select(LabelSelector selector) {
        return selected.computeIfAbsent(selector.toString(), text -> inventory.select(selector));
    }

    /** The addresses one peer covers: an ipBlock minus its excepts, or the selected workloads. */
    public PrefixSet addresses(Peer peer) {
        return peerAddresses.computeIfAbsent(peer, this::resolve);
    }

    private PrefixSet resolve(Peer peer) {
        return switch (peer) {
            case Peer.IpBlock block -> {
                Optional<Cidr> cidr = cidr(block.cidr());
                if (cidr.isEmpty()) {
                    yield PrefixSet.empty();
                }
                PrefixSet set = PrefixSet.of(cidr.get());
                for (Located<String> except : block.except()) {
                    Optional<Cidr> cut = cidr(except);
                    if (cut.isPresent()) {
                        set = set.minus(PrefixSet.of(cut.get()));
                    }
                }
                yield set;
            }
            case Peer.Workloads workloads ->
                selectedAddresses.computeIfAbsent(
                        workloads.selector().toString(), text -> inventory.addressesOf(select(workloads.selector())));
        };
    }

    /** The addresses a rule admits: every address when it lists no peer. */
    public PrefixSet addresses(PolicyRule rule) {
        return ruleAddresses.computeIfAbsent(rule, r -> {
            if (r.allowsAllPeers()) {
                return PrefixSet.all();
            }
            List<PrefixSet> sets = new ArrayList<>(r.peers().size());
            for (Peer peer : r.peers()) {
                sets.add(addresses(peer));
            }
            return PrefixSet.unionAll(sets);
        });
    }

    public static Optional<Protocol> protocol(PortSpec spec) {
        return Protocol.parse(spec.protocol().value());
    }

    /** The ports one entry opens: all ports without {@code port}, else port to endPort. */
    public static Optional<PortSet> ports(PortSpec spec) {
        if (spec.port().isEmpty()) {
            return spec.endPort().isPresent() ? Optional.empty() : Optional.of(PortSet.all());
        }
        Optional<Integer> first = switch (spec.port().get()) {
            case PortSpec.Number number ->
                inRange(number.value()) ? Optional.of((int) number.value()) : Optional.empty();
            case PortSpec.Named named -> WellKnownPorts.port(named.name());
        };
        if (first.isEmpty()) {
            return Optional.empty();
        }
        if (spec.endPort().isEmpty()) {
            return Optional.of(PortSet.of(first.get()));
        }
        long last = spec.endPort().get().value();
        if (spec.port().get() instanceof PortSpec.Named || !inRange(last) || last < first.get()) {
            return Optional.empty();
        }
        return Optional.of(PortSet.range(first.get(), (int) last));
    }

    public static boolean inRange(long port) {
        return port >= PortSet.MIN_PORT && port <= PortSet.MAX_PORT;
    }

    /** What a rule opens per protocol: every port of every protocol when it lists no port. */
    public static Map<Protocol, PortSet> services(PolicyRule rule) {
        Map<Protocol, PortSet> services = new EnumMap<>(Protocol.class);
        if (rule.allowsAllPorts()) {
            for (Protocol protocol : Protocol.values()) {
                services.put(protocol, PortSet.all());
            }
            return services;
        }
        for (PortSpec spec : rule.ports()) {
            Optional<Protocol> protocol = protocol(spec);
            Optional<PortSet> ports = ports(spec);
            if (protocol.isPresent() && ports.isPresent()) {
                services.merge(protocol.get(), ports.get(), PortSet::union);
            }
        }
        return services;
    }
}
