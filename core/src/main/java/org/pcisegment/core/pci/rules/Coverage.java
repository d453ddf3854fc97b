package org.pcisegment.core.pci.rules;

import java.util.List;
import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.pci.ValidationContext;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.core.policy.Policy;

/** Which CDE workloads (or, without inventory, CDE policies) leave a direction unrestricted. */
final class Coverage {
    private Coverage() {}

    /** CDE workloads that no policy restricting {@code direction} selects. */
    static List<Workload> uncoveredWorkloads(ValidationContext context, Direction direction) {
        return context.inventory().cdeWorkloads().stream()
                .filter(w -> context.policies().stream()
                        .noneMatch(
                                p -> p.restricts(direction) && p.podSelector().matches(w.labels())))
                .toList();
    }

    /**
     * Without an inventory: CDE-labelled policies that leave {@code direction} open, with no policy
     * restricting it whose selector covers theirs (the same selector, or a broader one such as a
     * default-deny baseline for all of {@code pci-env: cde}).
     */
    static List<Policy> uncoveredPolicies(ValidationContext context, Direction direction) {
        return context.policies().stream()
                .filter(ValidationContext::requiresCdeLabel)
                .filter(p -> !p.restricts(direction)) // covers itself: no need to scan the others
                .filter(p -> context.policies().stream()
                        .noneMatch(other -> other.restricts(direction)
                                && other.podSelector().selectsAllOf(p.podSelector())))
                .toList();
    }
}
