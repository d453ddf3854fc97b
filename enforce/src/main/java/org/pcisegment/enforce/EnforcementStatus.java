package org.pcisegment.enforce;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code status} shows for one backend: whether our ruleset is installed, its metadata, how
 * many items it holds, the packet and byte counters per rule (summed over the entries of each
 * policy rule), and facts only this backend has ({@code details}, in display order: where it is
 * attached, table sizes), and {@code unmanaged}: when present, filtering of ours that is in force
 * but that pci-segment can no longer read or update (the eBPF backend's filters whose pinned maps
 * vanished), explained; {@code status} reports it as a failure and {@code disable} removes it.
 */
public record EnforcementStatus(
        String backend,
        Optional<EnforcementMetadata> metadata,
        int itemCount,
        List<RuleCounter> counters,
        Map<String, String> details,
        Optional<String> unmanaged) {

    public EnforcementStatus {
        counters = List.copyOf(counters);
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** A status whose every part pci-segment manages. */
    public EnforcementStatus(
            String backend,
            Optional<EnforcementMetadata> metadata,
            int itemCount,
            List<RuleCounter> counters,
            Map<String, String> details) {
        this(backend, metadata, itemCount, counters, details, Optional.empty());
    }

    /** A status without backend-specific details. */
    public EnforcementStatus(
            String backend, Optional<EnforcementMetadata> metadata, int itemCount, List<RuleCounter> counters) {
        this(backend, metadata, itemCount, counters, Map.of());
    }

    public static EnforcementStatus notInstalled(String backend) {
        return new EnforcementStatus(backend, Optional.empty(), 0, List.of());
    }

    public boolean installed() {
        return metadata.isPresent();
    }

    /** Whether something of ours filters traffic: a readable installation, or unmanaged filters. */
    public boolean inForce() {
        return installed() || itemCount > 0 || unmanaged.isPresent();
    }
}
