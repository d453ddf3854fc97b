package org.pcisegment.enforce.ebpf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pcisegment.core.ir.Action;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.IpRange;
import org.pcisegment.core.net.PortRange;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.enforce.BaselineAllowance;
import org.pcisegment.enforce.EnforcedItem;
import org.pcisegment.enforce.RuleCounter;
import org.pcisegment.enforce.ebpf.MapLayout.CounterKind;
import org.pcisegment.enforce.ebpf.MapLayout.RuleInfo;
import org.pcisegment.enforce.ebpf.MapLayout.Subject;
import org.pcisegment.enforce.ebpf.PortTables.PortCounter;

/**
 * Reads installed map entries back as the SPI's canonical items, so that what is installed is
 * compared with what is desired item by item: allows from the peer prefixes (merged back into the
 * IR's ranges) and their port tables, each naming its policy rule through its counter; management
 * items from their counters; baseline and default deny for every restricted direction (the
 * program itself lets the baseline through). Also turns counters into per-rule figures.
 */
final class InstalledItems {
    private InstalledItems() {}

    static List<EnforcedItem> of(MapImage image) {
        List<EnforcedItem> items = new ArrayList<>();
        Map<Direction, Set<Integer>> ruleSets = new LinkedHashMap<>();
        for (Subject subject : image.subjects().values()) {
            for (Direction direction : Direction.values()) {
                if (subject.restricts(direction)) {
                    ruleSets.computeIfAbsent(direction, d -> new java.util.TreeSet<>())
                            .add(subject.ruleSet(direction));
                }
            }
        }
        for (Map.Entry<Direction, Set<Integer>> restricted : ruleSets.entrySet()) {
            Direction direction = restricted.getKey();
            for (BaselineAllowance allowance : BaselineAllowance.values()) {
                items.add(new EnforcedItem.Baseline(direction, allowance));
            }
            items.add(new EnforcedItem.DefaultDeny(direction));
            for (int ruleSet : restricted.getValue()) {
                items.addAll(allows(image, ruleSet, direction));
            }
        }
        if (ruleSets.containsKey(Direction.INGRESS)) {
            image.ruleInfo().values().stream()
                    .filter(info -> info.kind() == CounterKind.MANAGEMENT)
                    .map(info -> management(info.text()))
                    .forEach(items::add);
        }
        items.sort(EnforcedItem.ORDER);
        return items;
    }

    /** The allows of one rule set and direction: peer prefixes merged per table, then per counter. */
    private static List<EnforcedItem.Allow> allows(MapImage image, int ruleSet, Direction direction) {
        record Prefix(Protocol protocol, Cidr cidr, int table) {}
        List<Prefix> prefixes = new ArrayList<>();
        image.peers().forEach((key, table) -> {
            if (key.ruleSet() == ruleSet && key.direction() == direction) {
                prefixes.add(new Prefix(key.protocol(), key.peer(), table));
            }
        });
        prefixes.sort(Comparator.comparing(Prefix::protocol)
                .thenComparing(p -> p.cidr().network()));
        Map<Integer, List<PortCounter>> tables = PortTables.contents(image.ports());
        List<EnforcedItem.Allow> allows = new ArrayList<>();
        int i = 0;
        while (i < prefixes.size()) {
            Prefix first = prefixes.get(i);
            IpAddress last = first.cidr().last();
            int j = i + 1;
            while (j < prefixes.size()
                    && prefixes.get(j).protocol() == first.protocol()
                    && prefixes.get(j).table() == first.table()
                    && follows(last, prefixes.get(j).cidr().network())) {
                last = prefixes.get(j).cidr().last();
                j++;
            }
            IpRange range = new IpRange(first.cidr().network(), last);
            for (PortCounter piece : tables.getOrDefault(first.table(), List.of())) {
                String[] rule = ruleOf(image.ruleInfo().get(piece.counter()), piece.counter());
                allows.add(new EnforcedItem.Allow(direction, first.protocol(), range, piece.ports(), rule[0], rule[1]));
            }
            i = j;
        }
        return allows;
    }

    private static boolean follows(IpAddress last, IpAddress next) {
        if (last.family() != next.family()) {
            return false;
        }
        long lo = last.lo() + 1;
        long hi = lo == 0 ? last.hi() + 1 : last.hi();
        return next.hi() == hi && next.lo() == lo;
    }

    /** "policy rule" of a rule counter, from its name "policy rule protocol (span)". */
    private static String[] ruleOf(@org.jspecify.annotations.Nullable RuleInfo info, int counter) {
        if (info == null || info.kind() != CounterKind.RULE) {
            return new String[] {"unnamed-counter-" + counter, "unknown"};
        }
        String[] words = MapPlanner.identity(info.text()).split(" ");
        if (words.length != 3) {
            return new String[] {"unreadable-counter-" + counter, "unknown"};
        }
        return new String[] {words[0], words[1]};
    }

    /** A management item from its canonical text: "ingress tcp from 10.9.0.0/16 port 22 [management]". */
    static EnforcedItem.Management management(String text) {
        String[] words = text.split(" ");
        if (words.length != 7 || !words[0].equals("ingress") || !words[2].equals("from") || !words[4].equals("port")) {
            throw new IllegalStateException("unreadable management counter name: " + text);
        }
        Protocol protocol = Protocol.parseLenient(words[1])
                .orElseThrow(() -> new IllegalStateException("unknown protocol in " + text));
        IpRange sources;
        if (words[3].contains("/")) {
            Cidr cidr = Cidr.of(words[3]);
            sources = new IpRange(cidr.network(), cidr.last());
        } else {
            String[] ends = words[3].split("-");
            sources = new IpRange(IpAddress.parseOrThrow(ends[0]), IpAddress.parseOrThrow(ends[1]));
        }
        String[] ports = words[5].split("-");
        int first = Integer.parseInt(ports[0]);
        return new EnforcedItem.Management(
                protocol, sources, new PortRange(first, ports.length > 1 ? Integer.parseInt(ports[1]) : first));
    }

    /**
     * Per-rule figures for status: allows summed over protocols per policy rule, default denies and
     * management per direction, and the fixed reasons per hook (inbound = ingress).
     */
    static List<RuleCounter> counters(MapImage image, Map<Integer, Counters.Count> counts) {
        Map<CounterKey, long[]> sums = new LinkedHashMap<>();
        counts.forEach((id, count) -> {
            if (count.packets() == 0) {
                return;
            }
            keyOf(image, id).ifPresent(k -> {
                long[] sum = sums.computeIfAbsent(k, x -> new long[2]);
                sum[0] += count.packets();
                sum[1] += count.bytes();
            });
        });
        List<RuleCounter> out = new ArrayList<>();
        sums.forEach((key, sum) -> out.add(new RuleCounter(key.direction(), key.rule(), key.action(), sum[0], sum[1])));
        out.sort(Comparator.comparing(RuleCounter::direction).thenComparing(RuleCounter::rule));
        return out;
    }

    /** What status reports a counter under. */
    private record CounterKey(Direction direction, String rule, Action action) {}

    /** What a counter id stands for in status; empty for the event counters (not traffic). */
    private static Optional<CounterKey> keyOf(MapImage image, int id) {
        if (id < MapLayout.FIRST_DYNAMIC_COUNTER) {
            Direction direction = id < MapLayout.HOOK_STRIDE ? Direction.INGRESS : Direction.EGRESS;
            int reason = id % MapLayout.HOOK_STRIDE;
            if (reason == 8 || reason == 9 || reason >= MapLayout.FIXED_COUNTERS.size()) {
                return Optional.empty();
            }
            String name = reason == 0 || reason == 4
                    ? BaselineAllowance.RETURN_TRAFFIC.description()
                    : MapLayout.FIXED_COUNTERS.get(reason);
            Action action = MapLayout.FIXED_COUNTERS.get(reason).startsWith("dropped") ? Action.DENY : Action.ALLOW;
            return Optional.of(new CounterKey(direction, name, action));
        }
        RuleInfo info = image.ruleInfo().get(id);
        if (info == null) {
            return Optional.empty();
        }
        String identity = MapPlanner.identity(info.text());
        return switch (info.kind()) {
            case RULE -> {
                String[] words = identity.split(" ");
                Direction direction =
                        words.length > 1 && words[1].startsWith("egress") ? Direction.EGRESS : Direction.INGRESS;
                yield Optional.of(
                        new CounterKey(direction, words[0] + " " + (words.length > 1 ? words[1] : ""), Action.ALLOW));
            }
            case DEFAULT_DENY ->
                Optional.of(new CounterKey(
                        identity.startsWith("default deny egress") ? Direction.EGRESS : Direction.INGRESS,
                        "default deny",
                        Action.DENY));
            case MANAGEMENT -> Optional.of(new CounterKey(Direction.INGRESS, "management", Action.ALLOW));
        };
    }
}
