package org.pcisegment.core.ir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;
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
    private final Map<Integer, PortTable> tableAt;
    private final List<PeerPorts> peerPorts;

    /** {@code addresses} maps to offsets in {@code tables}; {@code tableAt} gives the table at each offset. */
    private ServiceIndex(AddressIndex addresses, int[] tables, Map<Integer, PortTable> tableAt) {
        this.addresses = addresses;
        this.tables = tables;
        this.tableAt = tableAt;
        this.peerPorts = mergedRanges(offset -> table(offset).allowed()).stream()
                .map(r -> new PeerPorts(r.range(), r.key()))
                .toList();
    }

    /** An address range whose every address maps to the same key. */
    private record KeyedRange<K>(IpRange range, K key) {}

    /**
     * The covered addresses as ascending ranges, each with a key computed from its port table;
     * adjacent ranges with equal keys are merged.
     */
    private <K> List<KeyedRange<K>> mergedRanges(IntFunction<K> keyOfTable) {
        List<KeyedRange<K>> merged = new ArrayList<>();
        addresses.forEach(t -> t != AddressIndex.NONE, (range, table) -> {
            K key = keyOfTable.apply(table);
            int last = merged.size() - 1;
            if (last >= 0
                    && adjacent(merged.get(last).range(), range)
                    && merged.get(last).key().equals(key)) {
                merged.set(
                        last,
                        new KeyedRange<>(new IpRange(merged.get(last).range().first(), range.last()), key));
            } else {
                merged.add(new KeyedRange<>(range, key));
            }
        });
        return merged;
    }

    private PortTable table(int offset) {
        return Objects.requireNonNull(tableAt.get(offset));
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
        return new ServiceIndex(builder.build(), tables.data.toArray(), tables.tableAt);
    }

    private static void sweep(
            IpFamily family, List<PrefixSet> peers, List<PortSet> ports, AddressIndex.Builder builder, Tables tables) {
        EdgeList edges = family == IpFamily.V4 ? new Ipv4Edges() : new Ipv6Edges();
        for (int rule = 0; rule < peers.size(); rule++) {
            if (ports.get(rule).isEmpty()) {
                continue;
            }
            int ruleIndex = rule;
            peers.get(rule).forEachRange(family, (firstHi, firstLo, lastHi, lastLo) -> {
                edges.add(firstHi, firstLo, ruleIndex, true);
                boolean lastAddress = family == IpFamily.V4 ? lastLo == 0xFFFF_FFFFL : lastHi == -1L && lastLo == -1L;
                if (!lastAddress) {
                    long nextLo = lastLo + 1;
                    edges.add(nextLo == 0 ? lastHi + 1 : lastHi, nextLo, ruleIndex, false);
                }
            });
        }
        edges.sort();
        // A rule's own ranges never touch (sets are canonical), so the order of edges at one
        // address does not matter: each sets a different rule's bit.
        BitSet active = new BitSet(peers.size());
        int i = 0;
        while (i < edges.size()) {
            long hi = edges.hi(i);
            long lo = edges.lo(i);
            while (i < edges.size() && edges.hi(i) == hi && edges.lo(i) == lo) {
                active.set(edges.rule(i), edges.opens(i));
                i++;
            }
            int table = active.isEmpty() ? AddressIndex.NONE : tables.offsetFor(active);
            builder.step(family, hi, lo, table);
        }
    }

    /** The edges of one family's peer sets: at an address, a rule starts or stops covering. */
    private abstract static class EdgeList {
        abstract void add(long hi, long lo, int rule, boolean opens);

        /** Sorts by address (unsigned). */
        abstract void sort();

        abstract int size();

        abstract long hi(int i);

        abstract long lo(int i);

        abstract int rule(int i);

        abstract boolean opens(int i);
    }

    /**
     * IPv4 edges packed in one long each (address, rule, opens from the top bit down), sorted as
     * primitives: large rule sets have millions of edges, which records and a comparator make slow.
     */
    private static final class Ipv4Edges extends EdgeList {
        private static final int RULE_BITS = 30;
        private long[] packed = new long[64];
        private int size;

        @Override
        void add(long hi, long lo, int rule, boolean opens) {
            if (rule >= 1 << RULE_BITS) {
                throw new IllegalStateException("more than 2^30 rules in one index");
            }
            if (size == packed.length) {
                packed = Arrays.copyOf(packed, size * 2);
            }
            packed[size++] = lo << (RULE_BITS + 1) | (long) rule << 1 | (opens ? 1 : 0);
        }

        @Override
        void sort() {
            Arrays.sort(packed, 0, size);
        }

        @Override
        int size() {
            return size;
        }

        @Override
        long hi(int i) {
            return 0;
        }

        @Override
        long lo(int i) {
            return packed[i] >>> (RULE_BITS + 1);
        }

        @Override
        int rule(int i) {
            return (int) (packed[i] >>> 1) & ((1 << RULE_BITS) - 1);
        }

        @Override
        boolean opens(int i) {
            return (packed[i] & 1) != 0;
        }
    }

    private static final class Ipv6Edges extends EdgeList {
        private record Edge(long hi, long lo, int rule, boolean opens) {}

        private final List<Edge> edges = new ArrayList<>();

        @Override
        void add(long hi, long lo, int rule, boolean opens) {
            edges.add(new Edge(hi, lo, rule, opens));
        }

        @Override
        void sort() {
            edges.sort((a, b) -> {
                int byHigh = Long.compareUnsigned(a.hi(), b.hi());
                return byHigh != 0 ? byHigh : Long.compareUnsigned(a.lo(), b.lo());
            });
        }

        @Override
        int size() {
            return edges.size();
        }

        @Override
        long hi(int i) {
            return edges.get(i).hi();
        }

        @Override
        long lo(int i) {
            return edges.get(i).lo();
        }

        @Override
        int rule(int i) {
            return edges.get(i).rule();
        }

        @Override
        boolean opens(int i) {
            return edges.get(i).opens();
        }
    }

    /** The port tables of one index, one per distinct set of covering rules, in one int array. */
    private static final class Tables {
        final List<PortSet> ports;
        final IntArray data = new IntArray();
        final Map<LongArrayKey, Integer> offsets = new HashMap<>();
        final Map<Integer, PortTable> tableAt = new HashMap<>();

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
            tableAt.put(offset, table);
            return offset;
        }
    }

    /** The position of the first rule admitting the peer and port, or -1. */
    int firstRule(IpAddress peer, int port) {
        int table = addresses.lookup(peer);
        return table == AddressIndex.NONE ? AddressIndex.NONE : PortTable.firstRule(tables, table, port);
    }

    /**
     * Adds this index's IPv4 part to shared arrays: its port tables to {@code ports} and its address
     * tree, pointing at them there, to {@code trees}. Returns the tree.
     */
    int addV4To(Ipv4Trees.Builder trees, IntArray ports) {
        int base = ports.size();
        ports.addAll(tables);
        return addresses.addV4To(trees, table -> base + table);
    }

    /**
     * The port table (its offset among this index's own tables) for every address of an IPv4
     * range, {@link AddressIndex#NONE} if no rule covers it, {@link AddressIndex#MIXED} if the
     * addresses differ.
     */
    int uniformV4Table(IpRange range) {
        return addresses.uniformV4Value(range);
    }

    /** The peer addresses with at least one allowed port, as disjoint ascending ranges. */
    List<PeerPorts> peerPorts() {
        return peerPorts;
    }

    /** An address range whose every address has the same port pieces. */
    record Entries(IpRange range, List<PortTable.Piece> pieces) {}

    /**
     * The admitted (addresses, ports) as disjoint pieces with the first rule admitting each:
     * adjacent address intervals with the same pieces are merged, so the list is as short as the
     * attribution allows.
     */
    List<Entries> entries() {
        return mergedRanges(offset -> table(offset).pieces()).stream()
                .map(r -> new Entries(r.range(), r.key()))
                .toList();
    }

    /** Elementary intervals, a measure of the index's size. */
    int intervals() {
        return addresses.size();
    }
}
