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
 * attached, table sizes).
 */
public record EnforcementStatus(
        String backend,
        Optional<EnforcementMetadata> metadata,
        int itemCount,
        List<RuleCounter> counters,
        Map<String, String> details) {

    public EnforcementStatus {
        counters = List.copyOf(counters);
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
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
}
