package org.pcisegment.core.inventory;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.IpRange;
import org.pcisegment.core.net.PrefixSet;
import org.pcisegment.core.policy.LabelSelector;
import org.pcisegment.core.policy.SelectorRequirement;

/**
 * The trusted list of workloads. Names are unique and no address belongs to two workloads (the
 * loader guarantees both), so an address identifies at most one workload. Selectors are answered
 * from a label index (bit sets per label key and value), so large inventories stay fast.
 */
public final class Inventory {
    private static final Inventory EMPTY = new Inventory(List.of());

    private final List<Workload> workloads;
    private final Map<String, Integer> indexByName = new LinkedHashMap<>();
    private final List<PrefixSet> prefixes;
    private final PrefixSet allAddresses;
    private final Map<String, BitSet> withKey = new HashMap<>();
    private final Map<String, Map<String, BitSet>> withValue = new HashMap<>();
    /** Every address range of every workload, sorted by start; disjoint because addresses are unique. */
    private final List<IpRange> ranges = new ArrayList<>();

    private final List<Integer> rangeOwners = new ArrayList<>();

    public Inventory(List<Workload> workloads) {
        this.workloads = List.copyOf(workloads);
        this.prefixes = new ArrayList<>(workloads.size());
        for (int i = 0; i < this.workloads.size(); i++) {
            Workload workload = this.workloads.get(i);
            indexByName.put(workload.name(), i);
            prefixes.add(workload.prefixes());
            for (Map.Entry<String, String> label : workload.labels().entrySet()) {
                withKey.computeIfAbsent(label.getKey(), k -> new BitSet()).set(i);
                withValue
                        .computeIfAbsent(label.getKey(), k -> new HashMap<>())
                        .computeIfAbsent(label.getValue(), v -> new BitSet())
                        .set(i);
            }
        }
        this.allAddresses = PrefixSet.unionAll(prefixes);
        List<int[]> order = new ArrayList<>();
        List<IpRange> unsorted = new ArrayList<>();
        for (int i = 0; i < prefixes.size(); i++) {
            for (IpRange range : prefixes.get(i).ranges()) {
                order.add(new int[] {unsorted.size(), i});
                unsorted.add(range);
            }
        }
        order.sort((a, b) ->
                unsorted.get(a[0]).first().compareTo(unsorted.get(b[0]).first()));
        for (int[] entry : order) {
            ranges.add(unsorted.get(entry[0]));
            rangeOwners.add(entry[1]);
        }
    }

    public static Inventory empty() {
        return EMPTY;
    }

    public boolean isEmpty() {
        return workloads.isEmpty();
    }

    public List<Workload> workloads() {
        return workloads;
    }

    public Optional<Workload> byName(String name) {
        Integer index = indexByName.get(name);
        return index == null ? Optional.empty() : Optional.of(workloads.get(index));
    }

    /** The workloads a selector matches, in inventory order. */
    public List<Workload> select(LabelSelector selector) {
        BitSet matches = new BitSet(workloads.size());
        matches.set(0, workloads.size());
        for (Map.Entry<String, String> label : selector.matchLabels().entrySet()) {
            matches.and(withValue(label.getKey(), label.getValue()));
        }
        for (SelectorRequirement requirement : selector.matchExpressions()) {
            BitSet having = switch (requirement.operator()) {
                case In, NotIn -> {
                    BitSet any = new BitSet();
                    requirement.values().forEach(v -> any.or(withValue(requirement.key(), v)));
                    yield any;
                }
                case Exists, DoesNotExist -> withKey.getOrDefault(requirement.key(), new BitSet());
            };
            switch (requirement.operator()) {
                case In, Exists -> matches.and(having);
                case NotIn, DoesNotExist -> matches.andNot(having);
            }
        }
        List<Workload> selected = new ArrayList<>(matches.cardinality());
        matches.stream().forEach(i -> selected.add(workloads.get(i)));
        return selected;
    }

    private BitSet withValue(String key, String value) {
        return withValue.getOrDefault(key, Map.of()).getOrDefault(value, new BitSet());
    }

    public List<Workload> cdeWorkloads() {
        return workloads.stream().filter(Workload::isCde).toList();
    }

    /** The workload an address belongs to (binary search over the sorted address ranges). */
    public Optional<Workload> workloadAt(IpAddress address) {
        int index = lastRangeStartingAtOrBefore(address);
        if (index >= 0 && address.compareTo(ranges.get(index).last()) <= 0) {
            return Optional.of(workloads.get(rangeOwners.get(index)));
        }
        return Optional.empty();
    }

    /** The workloads with at least one address in {@code addresses}, in inventory order. */
    public List<Workload> workloadsWithin(PrefixSet addresses) {
        BitSet found = new BitSet(workloads.size());
        for (IpRange range : addresses.ranges()) {
            int index = Math.max(0, lastRangeStartingAtOrBefore(range.first()));
            while (index < ranges.size() && ranges.get(index).first().compareTo(range.last()) <= 0) {
                IpRange candidate = ranges.get(index);
                if (candidate.last().compareTo(range.first()) >= 0) {
                    found.set(rangeOwners.get(index));
                }
                index++;
            }
        }
        List<Workload> result = new ArrayList<>(found.cardinality());
        found.stream().forEach(i -> result.add(workloads.get(i)));
        return result;
    }

    private int lastRangeStartingAtOrBefore(IpAddress address) {
        int low = 0;
        int high = ranges.size() - 1;
        int result = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (ranges.get(mid).first().compareTo(address) <= 0) {
                result = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return result;
    }

    /** The addresses of one workload, computed once. */
    public PrefixSet prefixesOf(Workload workload) {
        Integer index = indexByName.get(workload.name());
        return index != null && workloads.get(index) == workload ? prefixes.get(index) : workload.prefixes();
    }

    /** Every address any workload has. */
    public PrefixSet allAddresses() {
        return allAddresses;
    }

    /** The union of the addresses of the given workloads. */
    public PrefixSet addressesOf(List<Workload> selected) {
        List<PrefixSet> sets = new ArrayList<>(selected.size());
        for (Workload workload : selected) {
            sets.add(prefixesOf(workload));
        }
        return PrefixSet.unionAll(sets);
    }
}
