package org.pcisegment.core.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.pcisegment.core.inventory.Inventory;
import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.ir.HostRules;
import org.pcisegment.core.ir.PeerPorts;
import org.pcisegment.core.ir.RuleSet;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.IpFamily;
import org.pcisegment.core.net.IpRange;
import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.PrefixSet;
import org.pcisegment.core.net.Protocol;

/**
 * Computes what is open between every pair of zones, exactly, from the compiled rules. For a pair
 * of workloads A to B, A's egress admits some ports towards each address of B, and B's ingress
 * some ports from each address of A; a flow a to b on port p is open when both hold, so the
 * openings are the products of those two partitions. The outside world is unconstrained on its
 * own side. Each side's admitted (range, ports) list is cut by inventory owner once per distinct
 * index (workloads selected by the same policies share it), so the work follows the rules, not
 * the square of the inventory.
 */
public final class ReachabilityAnalyzer {
    private static final int OUTSIDE = -1;

    private final RuleSet ruleSet;
    private final Inventory inventory;
    private final List<Zone> zones = new ArrayList<>();
    /** Index of each zone object in {@link #zones}, for sorting connections without a linear search. */
    private final Map<Zone, Integer> positions = new IdentityHashMap<>();

    private final Zone outside;
    /** Inventory ranges ascending with the index of their owner. */
    private final List<IpRange> ownedRanges = new ArrayList<>();

    private final List<Integer> owners = new ArrayList<>();

    private ReachabilityAnalyzer(RuleSet ruleSet) {
        this.ruleSet = ruleSet;
        this.inventory = ruleSet.inventory();
        List<Workload> workloads = inventory.workloads();
        record Owned(IpRange range, int owner) {}
        List<Owned> owned = new ArrayList<>();
        for (int w = 0; w < workloads.size(); w++) {
            zones.add(Zone.of(workloads.get(w), inventory));
            for (IpRange range : inventory.prefixesOf(workloads.get(w)).ranges()) {
                owned.add(new Owned(range, w));
            }
        }
        owned.sort(Comparator.comparing((Owned o) -> o.range().first()));
        owned.forEach(o -> {
            ownedRanges.add(o.range());
            owners.add(o.owner());
        });
        this.outside = Zone.outside(inventory);
    }

    public static Reachability analyze(RuleSet ruleSet) {
        return new ReachabilityAnalyzer(ruleSet).run();
    }

    private Reachability run() {
        int n = zones.size();
        // cells.get(from).get(to) per protocol, from/to = zone index, n = outside
        List<Map<Integer, Map<Protocol, List<Openings.Cell>>>> cells = new ArrayList<>();
        for (int i = 0; i <= n; i++) {
            cells.add(new HashMap<>());
        }
        for (Protocol protocol : Protocol.values()) {
            Map<List<PeerPorts>, Map<Integer, List<PeerPorts>>> split = new IdentityHashMap<>();
            List<Map<Integer, List<PeerPorts>>> egress = new ArrayList<>();
            List<Map<Integer, List<PeerPorts>>> ingress = new ArrayList<>();
            for (HostRules host : ruleSet.hosts()) {
                egress.add(split.computeIfAbsent(host.egress().peerPorts(protocol), this::byOwner));
                ingress.add(split.computeIfAbsent(host.ingress().peerPorts(protocol), this::byOwner));
            }
            for (int a = 0; a < n; a++) {
                for (Map.Entry<Integer, List<PeerPorts>> towards : egress.get(a).entrySet()) {
                    int b = towards.getKey();
                    if (b == a) {
                        continue;
                    }
                    if (b == OUTSIDE) {
                        // nothing constrains the outside end: every address of A of the family
                        for (PeerPorts piece : towards.getValue()) {
                            addCell(
                                    cells,
                                    a,
                                    n,
                                    protocol,
                                    own(a, piece.range().family()),
                                    piece.range(),
                                    piece.ports());
                        }
                        continue;
                    }
                    List<PeerPorts> admittedByB = ingress.get(b).getOrDefault(a, List.of());
                    for (PeerPorts to : towards.getValue()) {
                        for (PeerPorts from : admittedByB) {
                            if (from.range().family() == to.range().family()) {
                                addCell(
                                        cells,
                                        a,
                                        b,
                                        protocol,
                                        set(from.range()),
                                        to.range(),
                                        from.ports().intersect(to.ports()));
                            }
                        }
                    }
                }
            }
            for (int b = 0; b < n; b++) {
                // One cell per family and ports: merging would union these sources anyway, and a
                // cell per admitted range (hundreds of thousands) would outlive young collections.
                record Group(IpFamily family, PortSet ports) {}
                Map<Group, List<PrefixSet>> sources = new LinkedHashMap<>();
                for (PeerPorts from : ingress.get(b).getOrDefault(OUTSIDE, List.of())) {
                    sources.computeIfAbsent(new Group(from.range().family(), from.ports()), k -> new ArrayList<>())
                            .add(set(from.range()));
                }
                for (Map.Entry<Group, List<PrefixSet>> group : sources.entrySet()) {
                    PrefixSet to = own(b, group.getKey().family());
                    if (!to.isEmpty()) {
                        cells.get(n)
                                .computeIfAbsent(b, k -> new EnumMap<>(Protocol.class))
                                .computeIfAbsent(protocol, k -> new ArrayList<>())
                                .add(new Openings.Cell(
                                        PrefixSet.unionAll(group.getValue()),
                                        to,
                                        group.getKey().ports()));
                    }
                }
            }
        }
        // Merging each zone's cells into openings is most of the work, zone by zone: on every core.
        List<Connection> connections = new ArrayList<>(IntStream.rangeClosed(0, n)
                .parallel()
                .mapToObj(from -> connectionsFrom(from, cells.get(from)))
                .flatMap(List::stream)
                .toList());
        connections.sort(Comparator.comparingInt(ReachabilityAnalyzer::rank)
                .thenComparingInt(c -> position(c.from()))
                .thenComparingInt(c -> position(c.to())));
        List<Zone> allZones = new ArrayList<>(zones);
        allZones.add(outside);
        return new Reachability(ruleSet, allZones, connections, groups(connections));
    }

    private List<Connection> connectionsFrom(int from, Map<Integer, Map<Protocol, List<Openings.Cell>>> cellsTo) {
        List<Connection> connections = new ArrayList<>();
        for (Map.Entry<Integer, Map<Protocol, List<Openings.Cell>>> entry : cellsTo.entrySet()) {
            List<Opening> openings = new ArrayList<>();
            entry.getValue().forEach((protocol, list) -> openings.addAll(Openings.merge(protocol, list)));
            if (!openings.isEmpty()) {
                openings.sort(Openings.ORDER);
                int to = entry.getKey() == zones.size() ? OUTSIDE : entry.getKey();
                connections.add(new Connection(zone(from), zone(to), openings));
            }
        }
        return connections;
    }

    private void addCell(
            List<Map<Integer, Map<Protocol, List<Openings.Cell>>>> cells,
            int from,
            int to,
            Protocol protocol,
            PrefixSet fromSet,
            IpRange toRange,
            PortSet ports) {
        if (ports.isEmpty() || fromSet.isEmpty()) {
            return;
        }
        cells.get(from)
                .computeIfAbsent(to == OUTSIDE ? zones.size() : to, k -> new EnumMap<>(Protocol.class))
                .computeIfAbsent(protocol, k -> new ArrayList<>())
                .add(new Openings.Cell(fromSet, set(toRange), ports));
    }

    /** CDE from outside, other CDE, reachable from outside, the rest. */
    private static int rank(Connection connection) {
        if (connection.touchesCde()) {
            return connection.fromOutside() ? 0 : 1;
        }
        return connection.fromOutside() ? 2 : 3;
    }

    private int position(Zone zone) {
        if (zone.isOutside()) {
            return zones.size();
        }
        if (positions.isEmpty()) {
            for (int i = 0; i < zones.size(); i++) {
                positions.putIfAbsent(zones.get(i), i);
            }
        }
        Integer known = positions.get(zone);
        // Connections hold the zones of this list; an equal copy would still be found by value.
        return known != null ? known : zones.indexOf(zone);
    }

    private Zone zone(int index) {
        return index == OUTSIDE || index == zones.size() ? outside : zones.get(index);
    }

    private PrefixSet own(int zone, IpFamily family) {
        return zones.get(zone).addresses().only(family);
    }

    private static PrefixSet set(IpRange range) {
        return PrefixSet.range(range.first(), range.last());
    }

    /**
     * Cuts a side's admitted ranges at inventory boundaries: owner index (or OUTSIDE) to pieces. A
     * range within one owner (most are: single workloads) is its own piece, without a copy: large
     * rule sets have millions.
     */
    private Map<Integer, List<PeerPorts>> byOwner(List<PeerPorts> admitted) {
        Map<Integer, List<PeerPorts>> pieces = new HashMap<>();
        int k = 0;
        for (PeerPorts entry : admitted) {
            IpRange range = entry.range();
            // skip owned ranges that end before this range starts
            while (k < ownedRanges.size() && ownedRanges.get(k).last().compareTo(range.first()) < 0) {
                k++;
            }
            IpAddress cursor = range.first();
            int j = k;
            boolean done = false;
            while (!done && j < ownedRanges.size() && ownedRanges.get(j).first().compareTo(range.last()) <= 0) {
                IpRange owned = ownedRanges.get(j);
                if (cursor.compareTo(owned.first()) < 0) {
                    addPiece(pieces, OUTSIDE, entry, cursor, before(owned.first()));
                }
                IpAddress start = cursor.compareTo(owned.first()) > 0 ? cursor : owned.first();
                IpAddress end = owned.last().compareTo(range.last()) < 0 ? owned.last() : range.last();
                addPiece(pieces, owners.get(j), entry, start, end);
                if (end.equals(range.last())) {
                    done = true;
                } else {
                    cursor = after(end);
                    j++;
                }
            }
            if (!done) {
                addPiece(pieces, OUTSIDE, entry, cursor, range.last());
            }
        }
        return pieces;
    }

    private static void addPiece(
            Map<Integer, List<PeerPorts>> pieces, int owner, PeerPorts entry, IpAddress first, IpAddress last) {
        boolean whole =
                first.equals(entry.range().first()) && last.equals(entry.range().last());
        pieces.computeIfAbsent(owner, k -> new ArrayList<>())
                .add(whole ? entry : new PeerPorts(new IpRange(first, last), entry.ports()));
    }

    private static IpAddress before(IpAddress address) {
        long lo = address.lo() - 1;
        long hi = address.lo() == 0 ? address.hi() - 1 : address.hi();
        return new IpAddress(address.family(), hi, lo);
    }

    private static IpAddress after(IpAddress address) {
        long lo = address.lo() + 1;
        long hi = lo == 0 ? address.hi() + 1 : address.hi();
        return new IpAddress(address.family(), hi, lo);
    }

    private static List<GroupConnection> groups(List<Connection> connections) {
        record Key(ZoneGroup from, ZoneGroup to) {}
        Map<Key, Map<Protocol, List<PortSet>>> services =
                new TreeMap<>(Comparator.comparing(Key::to).thenComparing(Key::from));
        Map<Key, Integer> pairs = new HashMap<>();
        for (Connection connection : connections) {
            Key key = new Key(connection.from().group(), connection.to().group());
            Map<Protocol, List<PortSet>> open = services.computeIfAbsent(key, k -> new EnumMap<>(Protocol.class));
            connection
                    .services()
                    .forEach((protocol, ports) -> open.computeIfAbsent(protocol, p -> new ArrayList<>())
                            .add(ports));
            pairs.merge(key, 1, Integer::sum);
        }
        List<GroupConnection> groups = new ArrayList<>();
        services.forEach((key, open) -> {
            Map<Protocol, PortSet> sum = new EnumMap<>(Protocol.class);
            open.forEach((protocol, ports) -> sum.put(protocol, PortSet.unionAll(ports)));
            groups.add(new GroupConnection(key.from(), key.to(), sum, pairs.getOrDefault(key, 0)));
        });
        return groups;
    }
}
