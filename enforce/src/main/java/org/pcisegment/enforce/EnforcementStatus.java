package org.pcisegment.enforce;

import java.util.List;
import java.util.Optional;

/**
 * What {@code status} shows for one backend: whether our ruleset is installed, its metadata, how
 * many items it holds, and the packet and byte counters per rule (summed over the entries of each
 * policy rule).
 */
public record EnforcementStatus(
        String backend, Optional<EnforcementMetadata> metadata, int itemCount, List<RuleCounter> counters) {

    public EnforcementStatus {
        counters = List.copyOf(counters);
    }

    public static EnforcementStatus notInstalled(String backend) {
        return new EnforcementStatus(backend, Optional.empty(), 0, List.of());
    }

    public boolean installed() {
        return metadata.isPresent();
    }
}
