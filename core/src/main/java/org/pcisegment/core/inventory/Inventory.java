package org.pcisegment.core.inventory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.PrefixSet;
import org.pcisegment.core.policy.LabelSelector;

/**
 * The trusted list of workloads. Names are unique and no address belongs to two workloads (the
 * loader guarantees both), so an address identifies at most one workload.
 */
public final class Inventory {
    private static final Inventory EMPTY = new Inventory(List.of());

    private final List<Workload> workloads;
    private final Map<String, Workload> byName;
    private final Map<String, Integer> indexByName;
    private final List<PrefixSet> prefixes;
    private final PrefixSet allAddresses;

    public Inventory(List<Workload> workloads) {
        this.workloads = List.copyOf(workloads);
        this.byName = new LinkedHashMap<>();
        this.indexByName = new HashMap<>();
        this.prefixes = new ArrayList<>(workloads.size());
        for (Workload workload : workloads) {
            indexByName.put(workload.name(), byName.size());
            byName.put(workload.name(), workload);
            prefixes.add(workload.prefixes());
        }
        this.allAddresses = PrefixSet.unionAll(prefixes);
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
        return Optional.ofNullable(byName.get(name));
    }

    /** The workloads a selector matches, in inventory order. */
    public List<Workload> select(LabelSelector selector) {
        return workloads.stream().filter(w -> selector.matches(w.labels())).toList();
    }

    public List<Workload> cdeWorkloads() {
        return workloads.stream().filter(Workload::isCde).toList();
    }

    /** The workload an address belongs to. */
    public Optional<Workload> workloadAt(IpAddress address) {
        for (int i = 0; i < workloads.size(); i++) {
            if (prefixes.get(i).contains(address)) {
                return Optional.of(workloads.get(i));
            }
        }
        return Optional.empty();
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
