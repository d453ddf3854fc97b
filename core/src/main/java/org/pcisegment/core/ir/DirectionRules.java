package org.pcisegment.core.ir;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.IpFamily;
import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.PrefixSet;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.policy.Direction;

/**
 * One direction of one workload, as an enforcement backend installs it: whether it is restricted
 * (default deny), which policies restrict it, and what it allows. {@link #allows()} cites each
 * compiled rule; {@link #peerPorts(Protocol)} gives the same allows as disjoint (addresses, ports)
 * pairs, ready for nftables interval sets, pf tables or eBPF LPM maps.
 */
public final class DirectionRules {
    private static final Protocol[] PROTOCOLS = Protocol.values();
    /** What an unrestricted direction admits; one shared list, so callers may cache by identity. */
    private static final List<PeerPorts> EVERYTHING = List.of(
            new PeerPorts(PrefixSet.all(IpFamily.V4).ranges().getFirst(), PortSet.all()),
            new PeerPorts(PrefixSet.all(IpFamily.V6).ranges().getFirst(), PortSet.all()));

    private final Workload workload;
    private final Direction direction;
    private final boolean restricted;
    private final List<PolicyOrigin> restrictedBy;
    private final List<Rule> allows;
    private final Rule[][] allowsByProtocol;
    private final ServiceIndex[] indexes;
    private final SideDecision unrestrictedDecision;
    private final SideDecision deniedDecision;

    DirectionRules(
            Workload workload,
            Direction direction,
            boolean restricted,
            List<PolicyOrigin> restrictedBy,
            List<Rule> allows,
            Map<Protocol, ServiceIndex> indexByProtocol) {
        this.workload = workload;
        this.direction = direction;
        this.restricted = restricted;
        this.restrictedBy = List.copyOf(restrictedBy);
        this.allows = List.copyOf(allows);
        this.allowsByProtocol = new Rule[PROTOCOLS.length][];
        this.indexes = new ServiceIndex[PROTOCOLS.length];
        for (Protocol protocol : PROTOCOLS) {
            Rule[] rules = allows.stream().filter(r -> r.protocol() == protocol).toArray(Rule[]::new);
            allowsByProtocol[protocol.ordinal()] = rules;
            indexes[protocol.ordinal()] = indexByProtocol.getOrDefault(protocol, ServiceIndex.EMPTY);
        }
        this.unrestrictedDecision = new SideDecision.Unrestricted(workload, direction);
        this.deniedDecision = new SideDecision.Denied(workload, direction, restrictedBy, allows.size());
    }

    public Workload workload() {
        return workload;
    }

    public Direction direction() {
        return direction;
    }

    /** Whether some policy restricts this direction: then only what {@link #allows()} admits passes. */
    public boolean restricted() {
        return restricted;
    }

    /** The policies that restrict this direction, in policy order; empty when unrestricted. */
    public List<PolicyOrigin> restrictedBy() {
        return restrictedBy;
    }

    /** Every allow rule of this direction, in compile order (policy order, then rule, then protocol). */
    public List<Rule> allows() {
        return allows;
    }

    /** The allow rules of one protocol, in compile order (the first match is cited by decide). */
    public List<Rule> allows(Protocol protocol) {
        return List.of(allowsByProtocol[protocol.ordinal()]);
    }

    /**
     * What this direction admits for one protocol as disjoint ascending address ranges with their
     * ports; an unrestricted direction admits every address on every port.
     */
    public List<PeerPorts> peerPorts(Protocol protocol) {
        if (!restricted) {
            return EVERYTHING;
        }
        return indexes[protocol.ordinal()].peerPorts();
    }

    /**
     * What this direction admits for one protocol as disjoint (peer range, port range) pieces in
     * ascending address order, each citing the first rule in compile order that admits it (the rule
     * {@code decide} cites). Empty when the direction is unrestricted: no rule is needed there.
     */
    public List<AllowEntry> entries(Protocol protocol) {
        if (!restricted) {
            return List.of();
        }
        Rule[] rules = allowsByProtocol[protocol.ordinal()];
        List<AllowEntry> entries = new ArrayList<>();
        for (ServiceIndex.Entries range : indexes[protocol.ordinal()].entries()) {
            for (PortTable.Piece piece : range.pieces()) {
                entries.add(new AllowEntry(range.range(), piece.range(), rules[piece.rule()]));
            }
        }
        return entries;
    }

    /** The peer addresses admitted on some port of some protocol. */
    public Map<Protocol, PrefixSet> peers() {
        Map<Protocol, PrefixSet> peers = new EnumMap<>(Protocol.class);
        for (Protocol protocol : PROTOCOLS) {
            List<PrefixSet> sets = new ArrayList<>();
            for (PeerPorts entry : peerPorts(protocol)) {
                sets.add(PrefixSet.range(entry.range().first(), entry.range().last()));
            }
            peers.put(protocol, PrefixSet.unionAll(sets));
        }
        return peers;
    }

    /** The decision citing every matching rule (a scan of this direction's rules: for explain). */
    SideDecision explain(IpAddress peer, Protocol protocol, int port) {
        if (!restricted) {
            return unrestrictedDecision;
        }
        List<Rule> matching = new ArrayList<>();
        for (Rule rule : allowsByProtocol[protocol.ordinal()]) {
            if (rule.matches(peer, protocol, port)) {
                matching.add(rule);
            }
        }
        return matching.isEmpty() ? deniedDecision : new SideDecision.Allowed(workload, direction, matching);
    }

    /** The index {@code decide} consults for one protocol (rule positions as in {@link #allows(Protocol)}). */
    ServiceIndex index(Protocol protocol) {
        return indexes[protocol.ordinal()];
    }

    SideDecision unrestrictedDecision() {
        return unrestrictedDecision;
    }

    SideDecision deniedDecision() {
        return deniedDecision;
    }

    /** Elementary address intervals over all protocols: the size of this direction's index. */
    int indexedIntervals() {
        int total = 0;
        for (ServiceIndex index : indexes) {
            total += index.intervals();
        }
        return total;
    }
}
