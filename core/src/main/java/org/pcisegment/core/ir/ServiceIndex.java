package org.pcisegment.core.ir;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.IpFamily;
import org.pcisegment.core.net.IpRange;
import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.PrefixSet;

/**
 * The allow rules of one workload, direction and protocol, indexed for lookup: the address space
 * is cut at every edge of every rule's peer set into elementary intervals; each interval points
 * at the port table of the rules covering it (tables are shared between intervals covered by the
 * same rules, and all tables sit in one flat int array). {@code firstRule} is one address search
 * and one port search. Workloads selected by the same policies share one index.
 */
final class ServiceIndex {
    static final ServiceIndex EMPTY = build(List.of(), List.of());

    private final AddressIndex addresses;
    private final int[] tables;
    private final List<PeerPorts> peerPorts;

    /** {@code addresses} maps to offsets in {@code tables}; {@code allowed} gives each table's ports. */
    private ServiceIndex(AddressIndex addresses, int[] tables, Map<Integer, PortSet> allowed) {
        this.addresses = addresses;
        this.tables = tables;
        List<PeerPorts> merged = new ArrayList<>();
        addresses.forEach(t -> t != AddressIndex.NONE, (range, table) -> {
            PortSet ports = Objects.requireNonNull(allowed.get(table));
            int last = merged.size() - 1;
            if (last >= 0
                    && adjacent(merged.get(last).range(), range)
                    && merged.get(last).ports().equals(ports)) {
                merged.set(
                        last, new PeerPorts(new IpRange(merged.get(last).range().first(), range.last()), ports));
            } else {
                merged.add(new PeerPorts(range, ports));
            }
        });
        this.peerPorts = List.copyOf(merged);
    }

    private static boolean adjacent(IpRange before, IpRange after) {
        IpAddress end = before.last();
        IpAddress start = after.first();
        if (end.family() != start.family()) {
            return false;
        }
        long nextLo = end.lo() + 1;
        long nextHi = nextLo == 0 ? end.hi() + 1 : end.hi();
        return start.hi() == nextHi && start.lo() == nextLo;
    }

    /**
     * Indexes rules given as parallel lists of peer sets and port sets; a rule's position in these
     * lists is its priority and what {@link #firstRule} returns.
     */
    static ServiceIndex build(List<PrefixSet> peers, List<PortSet> ports) {
        AddressIndex.Builder builder = AddressIndex.builder();
        Tables tables = new Tables(ports);
        for (IpFamily family : IpFamily.values()) {
            sweep(family, peers, ports, builder, tables);
        }
        return new ServiceIndex(builder.build(), tables.data.toArray(), tables.allowed);
    }

    /** An edge of one rule's peer set: at this address the rule starts or stops covering. */
    private record Edge(long hi, long lo, int rule, boolean opens) {}

    private static void sweep(
            IpFamily family, List<PrefixSet> peers, List<PortSet> ports, AddressIndex.Builder builder, Tables tables) {
        List<Edge> edges = new ArrayList<>();
        for (int rule = 0; rule < peers.size(); rule++) {
            if (ports.get(rule).isEmpty()) {
                continue;
            }
            for (IpRange range : peers.get(rule).only(family).ranges()) {
                edges.add(new Edge(range.first().hi(), range.first().lo(), rule, true));
                long endHi = range.last().hi();
                long endLo = range.last().lo();
                boolean lastAddress = family == IpFamily.V4 ? endLo == 0xFFFF_FFFFL : endHi == -1L && endLo == -1L;
                if (!lastAddress) {
                    long nextLo = endLo + 1;
                    edges.add(new Edge(nextLo == 0 ? endHi + 1 : endHi, nextLo, rule, false));
                }
            }
        }
        edges.sort((a, b) -> {
            int byHigh = Long.compareUnsigned(a.hi(), b.hi());
            return byHigh != 0 ? byHigh : Long.compareUnsigned(a.lo(), b.lo());
        });
        BitSet active = new BitSet(peers.size());
        int i = 0;
        while (i < edges.size()) {
            long hi = edges.get(i).hi();
            long lo = edges.get(i).lo();
            while (i < edges.size() && edges.get(i).hi() == hi && edges.get(i).lo() == lo) {
                active.set(edges.get(i).rule(), edges.get(i).opens());
                i++;
            }
            int table = active.isEmpty() ? AddressIndex.NONE : tables.offsetFor(active);
            builder.step(family, hi, lo, table);
        }
    }

    /** The port tables of one index, one per distinct set of covering rules, in one int array. */
    private static final class Tables {
        final List<PortSet> ports;
        final IntArray data = new IntArray();
        final Map<LongArrayKey, Integer> offsets = new HashMap<>();
        final Map<Integer, PortSet> allowed = new HashMap<>();

        Tables(List<PortSet> ports) {
            this.ports = ports;
        }

        int offsetFor(BitSet active) {
            // the set of active rules is the key: a BitSet itself is mutable
            LongArrayKey key = new LongArrayKey(active.toLongArray());
            Integer known = offsets.get(key);
            if (known != null) {
                return known;
            }
            PortTable table = PortTable.of(active.stream().toArray(), ports);
            int offset = table.appendTo(data);
            offsets.put(key, offset);
            allowed.put(offset, table.allowed());
            return offset;
        }
    }

    /** The position of the first rule admitting the peer and port, or -1. */
    int firstRule(IpAddress peer, int port) {
        int table = addresses.lookup(peer);
        return table == AddressIndex.NONE ? AddressIndex.NONE : PortTable.firstRule(tables, table, port);
    }

    /** The peer addresses with at least one allowed port, as disjoint ascending ranges. */
    List<PeerPorts> peerPorts() {
        return peerPorts;
    }

    /** Elementary intervals, a measure of the index's size. */
    int intervals() {
        return addresses.size();
    }
}
