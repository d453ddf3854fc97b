package org.pcisegment.core.ir;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.IpFamily;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.policy.Direction;

/**
 * What {@link RuleSet#decide} reads, laid out flat so that a decision follows as few references as
 * possible (each one a likely cache miss): the address-to-workload index; per workload, direction
 * and protocol a slot of four ints; the IPv4 trees of every distinct rule index in two shared
 * arrays ({@link Ipv4Trees}) and their port tables in one int array; and every decision a side can
 * come to in one array, so that a verdict is built from two array reads without touching the
 * decision objects.
 *
 * <p>A side's decision is an int code: {@code c >= 0} is {@code decisions[c]}, which admits the
 * flow; {@code c < 0} is {@code decisions[~c]}, which refuses it. IPv6 peers use the rule index
 * itself ({@link ServiceIndex#firstRule(IpAddress, int)}, a binary search).
 */
final class DecisionIndex {
    private static final Protocol[] PROTOCOLS = Protocol.values();
    private static final int DIRECTIONS = Direction.values().length;

    /** Ints per slot: the IPv4 tree or {@link #NO_TREE}, the code of the side's first rule, the code when no rule admits. */
    private static final int SLOT = 4;

    private static final int TREE = 0;
    private static final int FIRST_RULE = 1;
    private static final int NO_MATCH = 2;
    private static final int NO_TREE = -1;

    private static final int OUTSIDE_SOURCE = 0;
    private static final int OUTSIDE_DESTINATION = 1;

    private final AddressIndex workloads;
    private final int[] slots;
    private final ServiceIndex[] indexBySlot;
    private final Ipv4Trees trees;
    private final int[] ports;
    private final SideDecision[] decisions;

    DecisionIndex(AddressIndex workloads, HostRules[] hosts) {
        this.workloads = workloads;
        int slotCount = hosts.length * DIRECTIONS * PROTOCOLS.length;
        this.slots = new int[slotCount * SLOT];
        this.indexBySlot = new ServiceIndex[slotCount];
        List<SideDecision> decisions = new ArrayList<>();
        decisions.add(new SideDecision.Outside(Direction.EGRESS));
        decisions.add(new SideDecision.Outside(Direction.INGRESS));
        Ipv4Trees.Builder trees = new Ipv4Trees.Builder();
        IntArray ports = new IntArray();
        // workloads selected by the same policies share a rule index, and so a tree
        Map<ServiceIndex, Integer> treeOf = new IdentityHashMap<>();
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
                    slots[slot * SLOT + TREE] = treeOf.computeIfAbsent(index, i -> i.addV4To(trees, ports));
                    for (Rule rule : rules) {
                        decisions.add(new SideDecision.Allowed(side.workload(), direction, List.of(rule)));
                    }
                }
            }
        }
        this.trees = trees.build();
        this.ports = ports.toArray();
        this.decisions = decisions.toArray(SideDecision[]::new);
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
        int from = workloads.lookup(source);
        int to = workloads.lookup(destination);
        int egress = from == AddressIndex.NONE
                ? OUTSIDE_SOURCE
                : side(slot(from, Direction.EGRESS.ordinal(), protocol), destination, port);
        int ingress = to == AddressIndex.NONE
                ? OUTSIDE_DESTINATION
                : side(slot(to, Direction.INGRESS.ordinal(), protocol), source, port);
        return (long) egress << 32 | (ingress & 0xFFFF_FFFFL);
    }

    /** The code of one side's decision on a flow whose other end is {@code peer}. */
    private int side(int slot, IpAddress peer, int port) {
        int at = slot * SLOT;
        int tree = slots[at + TREE];
        if (tree == NO_TREE) {
            return slots[at + NO_MATCH];
        }
        int rule = peer.family() == IpFamily.V4
                ? ServiceIndex.firstRule(trees, ports, tree, peer.lo(), port)
                : indexBySlot[slot].firstRule(peer, port);
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
        return 4L * slots.length + 4L * indexBySlot.length + trees.bytes() + 4L * ports.length + 4L * decisions.length;
    }
}
