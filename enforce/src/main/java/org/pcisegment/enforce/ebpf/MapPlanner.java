package org.pcisegment.enforce.ebpf;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.ir.AllowEntry;
import org.pcisegment.core.ir.DirectionRules;
import org.pcisegment.core.ir.HostRules;
import org.pcisegment.core.ir.Rule;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.net.IpRange;
import org.pcisegment.core.net.PortRange;
import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.PrefixSet;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.enforce.EnforcedItem;
import org.pcisegment.enforce.ebpf.MapLayout.CounterKind;
import org.pcisegment.enforce.ebpf.MapLayout.PeerKey;
import org.pcisegment.enforce.ebpf.MapLayout.PortKey;
import org.pcisegment.enforce.ebpf.MapLayout.RuleInfo;
import org.pcisegment.enforce.ebpf.MapLayout.Subject;
import org.pcisegment.enforce.ebpf.PortTables.PortCounter;

/**
 * Turns a {@link DataPlanePolicy} into the map entries the program looks up, reusing the ids of
 * the installed image wherever the meaning is the same, so that a policy change rewrites only the
 * entries it really changes:
 *
 * <ul>
 *   <li>a counter keeps its id while its identity (policy, rule, protocol; or "default deny" of a
 *       workload and direction; or a management exception) stays: counts survive unrelated changes;
 *   <li>a rule set (the restricted direction of one or more workloads with the same tables) keeps
 *       the id most of its workloads used before;
 *   <li>a port table keeps its id while its (port range, counter) content is the same.
 * </ul>
 *
 * New ids are taken from those the installed image does not use, so an entry still installed never
 * changes meaning in the middle of an update.
 */
final class MapPlanner {
    private MapPlanner() {}

    /** One peer interval of a rule set and its port table. */
    private record RangeTable(IpRange range, List<PortCounter> ports) {}

    /** Everything a restricted direction admits, per protocol. */
    private record RuleSetContent(Direction direction, Map<Protocol, List<RangeTable>> tables) {}

    static MapImage plan(DataPlanePolicy policy, MapImage installed) {
        return new MapPlanner.Run(installed).plan(policy);
    }

    private static final class Run {
        private final MapImage installed;
        private final Ids counterIds;
        private final Ids ruleSetIds;
        private final Ids tableIds;
        private final Map<String, Integer> installedCounters = new HashMap<>();
        private final Map<List<PortCounter>, Integer> installedTables;
        private final Map<Integer, RuleInfo> ruleInfo = new HashMap<>();
        private final Map<String, Integer> counters = new HashMap<>();
        private final Map<List<PortCounter>, Integer> tables = new HashMap<>();
        private final Map<PeerKey, Integer> peers = new HashMap<>();
        private final Map<PortKey, Integer> ports = new HashMap<>();

        Run(MapImage installed) {
            this.installed = installed;
            this.counterIds = new Ids(
                    MapLayout.FIRST_DYNAMIC_COUNTER, installed.ruleInfo().keySet());
            BitSet ruleSets = new BitSet();
            installed.subjects().values().forEach(s -> {
                ruleSets.set(s.ingressRuleSet());
                ruleSets.set(s.egressRuleSet());
            });
            installed.peers().keySet().forEach(k -> ruleSets.set(k.ruleSet()));
            this.ruleSetIds = new Ids(
                    MapLayout.MANAGEMENT_RULE_SET + 1, ruleSets.stream().boxed().toList());
            this.tableIds = new Ids(
                    0, installed.ports().keySet().stream().map(PortKey::table).toList());
            installed.ruleInfo().forEach((id, info) -> installedCounters.putIfAbsent(identity(info.text()), id));
            this.installedTables = installedTables(installed.ports());
        }

        MapImage plan(DataPlanePolicy policy) {
            Map<Cidr, Subject> subjects = new HashMap<>();
            Map<RuleSetContent, List<Workload>> sharing = new LinkedHashMap<>();
            Map<Workload, int[]> denyCounters = new HashMap<>();
            for (HostRules host : policy.hosts()) {
                Workload workload = host.workload();
                int[] deny = new int[2];
                for (Direction direction : Direction.values()) {
                    DirectionRules side = host.direction(direction);
                    if (side.restricted()) {
                        sharing.computeIfAbsent(content(side), c -> new ArrayList<>())
                                .add(workload);
                        deny[MapLayout.directionCode(direction)] = counter(
                                CounterKind.DEFAULT_DENY,
                                "default deny " + direction.sectionField() + " of " + workload.name(),
                                "");
                    }
                }
                denyCounters.put(workload, deny);
            }
            Map<Workload, int[]> ruleSetOf = new HashMap<>();
            for (Map.Entry<RuleSetContent, List<Workload>> group : sharing.entrySet()) {
                RuleSetContent content = group.getKey();
                int ruleSet = ruleSetId(content.direction(), group.getValue());
                for (Workload workload : group.getValue()) {
                    ruleSetOf.computeIfAbsent(workload, w -> new int[2])[MapLayout.directionCode(content.direction())] =
                            ruleSet;
                }
                content.tables().forEach((protocol, ranges) -> {
                    for (RangeTable range : ranges) {
                        int table = table(range.ports());
                        for (Cidr cidr : range.range().toCidrs()) {
                            peers.put(new PeerKey(ruleSet, content.direction(), protocol, cidr), table);
                        }
                    }
                });
            }
            for (HostRules host : policy.hosts()) {
                Workload workload = host.workload();
                int flags = (host.ingress().restricted() ? MapLayout.RESTRICT_INGRESS : 0)
                        | (host.egress().restricted() ? MapLayout.RESTRICT_EGRESS : 0);
                if (flags == 0) {
                    continue; // an unrestricted workload needs no entry: a miss means "unrestricted"
                }
                int[] ruleSets = ruleSetOf.getOrDefault(workload, new int[2]);
                int[] deny = denyCounters.getOrDefault(workload, new int[2]);
                Subject subject = new Subject(flags, ruleSets[0], ruleSets[1], deny[0], deny[1]);
                for (Cidr cidr : workload.prefixes().toCidrs()) {
                    subjects.put(cidr, subject);
                }
            }
            management(policy.management());
            return new MapImage(subjects, peers, ports, ruleInfo);
        }

        /** The tables of a restricted direction, counters assigned. */
        private RuleSetContent content(DirectionRules side) {
            Map<Protocol, List<RangeTable>> byProtocol = new LinkedHashMap<>();
            for (Protocol protocol : Protocol.values()) {
                List<RangeTable> ranges = new ArrayList<>();
                IpRange current = null;
                List<PortCounter> pieces = new ArrayList<>();
                for (AllowEntry entry : side.entries(protocol)) {
                    if (current != null && !current.equals(entry.peers())) {
                        ranges.add(new RangeTable(current, PortTables.merged(pieces)));
                        pieces = new ArrayList<>();
                    }
                    current = entry.peers();
                    pieces.add(new PortCounter(entry.ports(), ruleCounter(entry.rule())));
                }
                if (current != null) {
                    ranges.add(new RangeTable(current, PortTables.merged(pieces)));
                }
                if (!ranges.isEmpty()) {
                    byProtocol.put(protocol, ranges);
                }
            }
            return new RuleSetContent(side.direction(), byProtocol);
        }

        private int ruleCounter(Rule rule) {
            String identity = rule.origin().policy() + " " + rule.origin().rule() + " "
                    + rule.protocol().lowerName();
            return counter(CounterKind.RULE, identity, " (" + rule.origin().span() + ")");
        }

        /** The id of a counted thing: the installed one for the same identity, else a fresh one. */
        private int counter(CounterKind kind, String identity, String detail) {
            Integer known = counters.get(identity);
            if (known != null) {
                return known;
            }
            int id = counterIds.reuseOrFresh(installedCounters.get(identity));
            counters.put(identity, id);
            ruleInfo.put(id, new RuleInfo(kind, MapLayout.fitRuleText(identity + detail)));
            return id;
        }

        /** The installed rule set most of these workloads used for this direction, else a fresh id. */
        private int ruleSetId(Direction direction, List<Workload> workloads) {
            Map<Integer, Integer> votes = new HashMap<>();
            for (Workload workload : workloads) {
                for (Cidr cidr : workload.prefixes().toCidrs()) {
                    Subject old = installed.subjects().get(cidr);
                    if (old != null && old.restricts(direction)) {
                        votes.merge(old.ruleSet(direction), 1, Integer::sum);
                    }
                }
            }
            int best = -1;
            int bestVotes = 0;
            for (Map.Entry<Integer, Integer> vote : votes.entrySet()) {
                int id = vote.getKey();
                boolean better = vote.getValue() > bestVotes || (vote.getValue() == bestVotes && id < best);
                if (better && !ruleSetIds.taken(id)) {
                    best = id;
                    bestVotes = vote.getValue();
                }
            }
            return ruleSetIds.reuseOrFresh(best < 0 ? null : best);
        }

        private int table(List<PortCounter> content) {
            Integer known = tables.get(content);
            if (known != null) {
                return known;
            }
            int id = tableIds.reuseOrFresh(installedTables.get(content));
            tables.put(content, id);
            for (PortCounter piece : content) {
                for (PortKey key : MapLayout.portPrefixes(id, piece.ports())) {
                    ports.put(key, piece.counter());
                }
            }
            return id;
        }

        /**
         * Management exception items under rule set 0, ingress. Items may overlap (sources
         * 10.0.0.0/8 and 10.1.0.0/16); the trie needs disjoint prefixes, so the address space is cut
         * into regions covered by the same items, and each port of a region goes to the first item
         * covering it. Each item has its own counter, named by its text.
         */
        private void management(List<EnforcedItem.Management> items) {
            for (Protocol protocol : Protocol.values()) {
                record Region(PrefixSet addresses, List<EnforcedItem.Management> covering) {}
                List<Region> regions = new ArrayList<>();
                for (EnforcedItem.Management item : items) {
                    if (item.protocol() != protocol) {
                        continue;
                    }
                    PrefixSet sources = PrefixSet.range(
                            item.sources().first(), item.sources().last());
                    List<Region> next = new ArrayList<>();
                    PrefixSet uncovered = sources;
                    for (Region region : regions) {
                        PrefixSet inside = region.addresses().intersect(sources);
                        PrefixSet outside = region.addresses().minus(sources);
                        if (!inside.isEmpty()) {
                            List<EnforcedItem.Management> covering = new ArrayList<>(region.covering());
                            covering.add(item);
                            next.add(new Region(inside, covering));
                        }
                        if (!outside.isEmpty()) {
                            next.add(new Region(outside, region.covering()));
                        }
                        uncovered = uncovered.minus(region.addresses());
                    }
                    if (!uncovered.isEmpty()) {
                        next.add(new Region(uncovered, List.of(item)));
                    }
                    regions = next;
                }
                for (Region region : regions) {
                    List<PortCounter> pieces = new ArrayList<>();
                    PortSet covered = PortSet.empty();
                    for (EnforcedItem.Management item : region.covering()) {
                        int counter = counter(CounterKind.MANAGEMENT, item.text(), "");
                        PortSet ports =
                                PortSet.range(item.ports().first(), item.ports().last());
                        for (PortRange range : ports.minus(covered).ranges()) {
                            pieces.add(new PortCounter(range, counter));
                        }
                        covered = covered.union(ports);
                    }
                    pieces.sort(Comparator.comparingInt(p -> p.ports().first()));
                    int table = table(PortTables.merged(pieces));
                    for (Cidr cidr : region.addresses().toCidrs()) {
                        peers.put(new PeerKey(MapLayout.MANAGEMENT_RULE_SET, Direction.INGRESS, protocol, cidr), table);
                    }
                }
            }
        }
    }

    /** rule_info text up to the first " (": the part that names the counted thing. */
    static String identity(String text) {
        int detail = text.indexOf(" (");
        return detail < 0 ? text : text.substring(0, detail);
    }

    /** The content of each installed port table, keyed back to its id. */
    private static Map<List<PortCounter>, Integer> installedTables(Map<PortKey, Integer> ports) {
        Map<List<PortCounter>, Integer> contents = new HashMap<>();
        PortTables.contents(ports).forEach((table, content) -> contents.putIfAbsent(content, table));
        return contents;
    }

    /**
     * Hands out ids from {@code first} up: an installed id only when claimed for reuse, otherwise
     * the lowest id no installed entry uses.
     */
    private static final class Ids {
        private final BitSet installed = new BitSet();
        private final BitSet taken = new BitSet();
        private final int first;

        Ids(int first, java.util.Collection<Integer> installedIds) {
            this.first = first;
            installedIds.forEach(installed::set);
        }

        /** Below this every id is installed or taken: fresh ids only grow within a plan. */
        private int cursor;

        int fresh() {
            int id = Math.max(first, cursor);
            while (installed.get(id) || taken.get(id)) {
                id = Math.max(installed.nextClearBit(id), taken.nextClearBit(id));
            }
            taken.set(id);
            cursor = id + 1;
            return id;
        }

        /** Whether this plan already uses {@code id}. */
        boolean taken(int id) {
            return taken.get(id);
        }

        /** The installed id {@code reused} when this plan does not use it yet, else a fresh one. */
        int reuseOrFresh(@Nullable Integer reused) {
            if (reused == null || taken.get(reused)) {
                return fresh();
            }
            taken.set(reused);
            return reused;
        }
    }
}
