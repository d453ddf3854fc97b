package org.pcisegment.core.ir;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.IpFamily;
import org.pcisegment.core.net.IpRange;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.policy.Direction;

/**
 * What {@link RuleSet#decide} reads, laid out flat so that a decision follows as few references as
 * possible (each one a likely cache miss): the address-to-workload map (hashed for one-address
 * workloads); per workload, direction and protocol a slot of four ints; the IPv4 trees of every
 * distinct rule index in shared arrays ({@link Ipv4Trees}) and their port tables in one int array;
 * per rule index and inventory workload the port table of a peer that is that workload ({@link
 * #peerTables}), so that the usual peer, an inventory workload, costs one read instead of a tree
 * search; and every decision a side can come to in one array, so that a verdict is built from two
 * array reads without touching the decision objects.
 *
 * <p>A side's decision is an int code: {@code c >= 0} is {@code decisions[c]}, which admits the
 * flow; {@code c < 0} is {@code decisions[~c]}, which refuses it. IPv6 peers use the rule index
 * itself ({@link ServiceIndex#firstRule(IpAddress, int)}, a binary search).
 */
final class DecisionIndex {
    private static final Protocol[] PROTOCOLS = Protocol.values();
    private static final int DIRECTIONS = Direction.values().length;

    /**
     * Ints per slot: the IPv4 tree or {@link #NO_TREE}, the code of the side's first rule, the code
     * when no rule admits, the row of the tree in {@link #peerTables} or -1.
     */
    private static final int SLOT = 4;

    private static final int TREE = 0;
    private static final int FIRST_RULE = 1;
    private static final int NO_MATCH = 2;
    private static final int ROW = 3;
    private static final int NO_TREE = -1;

    /** {@link #peerTables} holds at most this many entries (2 bytes each); beyond it, trees only. */
    static final int MAX_PEER_TABLES = 1 << 22;
    /** A peer-table entry: no rule admits the workload's addresses. */
    private static final char NO_TABLE = 0xFFFF;
    /** A peer-table entry: the workload's addresses differ (or the offset is too large): search the tree. */
    private static final char SEARCH = 0xFFFE;

    private static final int OUTSIDE_SOURCE = 0;
    private static final int OUTSIDE_DESTINATION = 1;

    private final AddressIndex workloads;
    private final int workloadTree;
    private final int[] slots;
    private final ServiceIndex[] indexBySlot;
    private final Ipv4Trees trees;
    private final int[] ports;
    private final SideDecision[] decisions;
    private final int hostCount;
    /**
     * Per tree (row) and inventory workload (column): the port table that every IPv4 address of
     * the workload maps to in that tree, relative to the tree's first table ({@link #rowPorts}). A
     * peer in the inventory is found by the workload lookup the flow needs anyway, so this turns
     * the side's address search into one read.
     */
    private final char[] peerTables;

    private final int[] rowPorts;

    DecisionIndex(AddressIndex workloads, HostRules[] hosts) {
        this(workloads, hosts, MAX_PEER_TABLES);
    }

    /** An index whose peer tables may hold {@code maxPeerTables} entries (0: none, trees only). */
    DecisionIndex(AddressIndex workloads, HostRules[] hosts, int maxPeerTables) {
        this.workloads = workloads;
        this.hostCount = hosts.length;
        int slotCount = hosts.length * DIRECTIONS * PROTOCOLS.length;
        this.slots = new int[slotCount * SLOT];
        this.indexBySlot = new ServiceIndex[slotCount];
        List<SideDecision> decisions = new ArrayList<>();
        decisions.add(new SideDecision.Outside(Direction.EGRESS));
        decisions.add(new SideDecision.Outside(Direction.INGRESS));
        Ipv4Trees.Builder trees = new Ipv4Trees.Builder();
        this.workloadTree = workloads.addV4To(trees, host -> host, true);
        IntArray ports = new IntArray();
        // workloads selected by the same policies share a rule index, and so a tree
        record Placed(int tree, int row) {}
        Map<ServiceIndex, Placed> placed = new IdentityHashMap<>();
        List<ServiceIndex> rows = new ArrayList<>();
        IntArray rowPorts = new IntArray();
        for (int host = 0; host < hosts.length; host++) {
            for (Direction direction : Direction.values()) {
                DirectionRules side = hosts[host].direction(direction);
                int noMatch;
                if (side.restricted()) {
                    noMatch = ~decisions.size();
                    decisions.add(side.deniedDecision());
                } else {
                    noMatch = decisions.size();
                    decisions.add(side.unrestrictedDecision());
                }
                for (Protocol protocol : PROTOCOLS) {
                    int slot = slot(host, direction.ordinal(), protocol.ordinal());
                    ServiceIndex index = side.index(protocol);
                    List<Rule> rules = side.allows(protocol);
                    indexBySlot[slot] = index;
                    slots[slot * SLOT + NO_MATCH] = noMatch;
                    slots[slot * SLOT + FIRST_RULE] = decisions.size();
                    if (!side.restricted() || rules.isEmpty()) {
                        slots[slot * SLOT + TREE] = NO_TREE;
                        continue;
                    }
                    Placed tree = placed.computeIfAbsent(index, i -> {
                        rows.add(i);
                        rowPorts.add(ports.size());
                        return new Placed(i.addV4To(trees, ports), rows.size() - 1);
                    });
                    slots[slot * SLOT + TREE] = tree.tree();
                    slots[slot * SLOT + ROW] = tree.row();
                    for (Rule rule : rules) {
                        decisions.add(new SideDecision.Allowed(side.workload(), direction, List.of(rule)));
                    }
                }
            }
        }
        this.trees = trees.build();
        this.ports = ports.toArray();
        this.decisions = decisions.toArray(SideDecision[]::new);
        this.rowPorts = rowPorts.toArray();
        if ((long) rows.size() * hosts.length <= maxPeerTables) {
            this.peerTables = peerTables(workloads, hosts.length, rows);
        } else {
            this.peerTables = new char[0];
            for (int slot = 0; slot < slotCount; slot++) {
                slots[slot * SLOT + ROW] = -1;
            }
        }
    }

    private static char[] peerTables(AddressIndex workloads, int hostCount, List<ServiceIndex> rows) {
        List<List<IpRange>> rangesOf = new ArrayList<>();
        for (int host = 0; host < hostCount; host++) {
            rangesOf.add(new ArrayList<>());
        }
        workloads.forEach(host -> host != AddressIndex.NONE, (range, host) -> {
            if (range.family() == IpFamily.V4) {
                rangesOf.get(host).add(range);
            }
        });
        char[] tables = new char[rows.size() * hostCount];
        for (int row = 0; row < rows.size(); row++) {
            ServiceIndex index = rows.get(row);
            for (int host = 0; host < hostCount; host++) {
                // a workload without IPv4 addresses is never the owner of an IPv4 peer: MIXED is fine
                int table = AddressIndex.MIXED;
                List<IpRange> ranges = rangesOf.get(host);
                for (int i = 0; i < ranges.size(); i++) {
                    int uniform = index.uniformV4Table(ranges.get(i));
                    table = i == 0 || table == uniform ? uniform : AddressIndex.MIXED;
                    if (table == AddressIndex.MIXED) {
                        break;
                    }
                }
                char entry;
                if (table == AddressIndex.NONE) {
                    entry = NO_TABLE;
                } else if (table >= 0 && table < SEARCH) {
                    entry = (char) table;
                } else {
                    entry = SEARCH;
                }
                tables[row * hostCount + host] = entry;
            }
        }
        return tables;
    }

    private static int slot(int host, int direction, int protocol) {
        return (host * DIRECTIONS + direction) * PROTOCOLS.length + protocol;
    }

    /** The decision codes of both sides of a flow: egress at the source in the high half, ingress at the destination in the low half. */
    private long codes(Flow flow) {
        IpAddress source = flow.source();
        IpAddress destination = flow.destination();
        int protocol = flow.protocol().ordinal();
        int port = flow.port();
        int from = workload(source);
        int to = workload(destination);
        int egress = from == AddressIndex.NONE
                ? OUTSIDE_SOURCE
                : side(slot(from, Direction.EGRESS.ordinal(), protocol), destination, to, port);
        int ingress = to == AddressIndex.NONE
                ? OUTSIDE_DESTINATION
                : side(slot(to, Direction.INGRESS.ordinal(), protocol), source, from, port);
        return (long) egress << 32 | (ingress & 0xFFFF_FFFFL);
    }

    private int workload(IpAddress address) {
        return address.family() == IpFamily.V4 ? trees.lookup(workloadTree, address.lo()) : workloads.lookup(address);
    }

    /**
     * The code of one side's decision on a flow whose other end is {@code peer}, owned by inventory
     * workload {@code peerHost} or none.
     */
    private int side(int slot, IpAddress peer, int peerHost, int port) {
        int at = slot * SLOT;
        int tree = slots[at + TREE];
        if (tree == NO_TREE) {
            return slots[at + NO_MATCH];
        }
        int rule;
        if (peer.family() == IpFamily.V4) {
            int row = slots[at + ROW];
            int table;
            char entry = row >= 0 && peerHost != AddressIndex.NONE ? peerTables[row * hostCount + peerHost] : SEARCH;
            if (entry == SEARCH) {
                table = trees.lookup(tree, peer.lo());
            } else {
                table = entry == NO_TABLE ? AddressIndex.NONE : rowPorts[row] + entry;
            }
            rule = table == AddressIndex.NONE ? AddressIndex.NONE : PortTable.firstRule(ports, table, port);
        } else {
            rule = indexBySlot[slot].firstRule(peer, port);
        }
        return rule == AddressIndex.NONE ? slots[at + NO_MATCH] : slots[at + FIRST_RULE] + rule;
    }

    /** ALLOW or DENY, as {@link #decide} would say, without building the verdict. */
    Action action(Flow flow) {
        long codes = codes(flow);
        return (codes | (int) codes) >= 0 ? Action.ALLOW : Action.DENY;
    }

    Verdict decide(Flow flow) {
        long codes = codes(flow);
        int egress = (int) (codes >> 32);
        int ingress = (int) codes;
        Action action = (egress | ingress) >= 0 ? Action.ALLOW : Action.DENY;
        // c ^ (c >> 31) is c for an admitting code and ~c for a refusing one
        return new Verdict(flow, action, decisions[egress ^ (egress >> 31)], decisions[ingress ^ (ingress >> 31)]);
    }

    /** Bytes of the arrays held here (not the rule and decision objects they point at). */
    long bytes() {
        return 4L * slots.length
                + 4L * indexBySlot.length
                + trees.bytes()
                + 4L * ports.length
                + 4L * decisions.length
                + 2L * peerTables.length
                + 4L * rowPorts.length;
    }
}
