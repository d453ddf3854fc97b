package org.pcisegment.enforce;

import java.util.Comparator;

/** The order of {@link EnforcedItem}s (see {@link EnforcedItem#ORDER}). */
final class ItemOrder {
    private static final Comparator<EnforcedItem.Management> MANAGEMENT = Comparator.comparing(
                    EnforcedItem.Management::protocol)
            .thenComparing(m -> m.sources().first())
            .thenComparing(m -> m.sources().last())
            .thenComparingInt(m -> m.ports().first())
            .thenComparingInt(m -> m.ports().last());

    private static final Comparator<EnforcedItem.Allow> ALLOW = Comparator.comparing(EnforcedItem.Allow::protocol)
            .thenComparing(a -> a.peers().first())
            .thenComparing(a -> a.peers().last())
            .thenComparingInt(a -> a.ports().first())
            .thenComparingInt(a -> a.ports().last())
            .thenComparing(EnforcedItem.Allow::policy)
            .thenComparing(EnforcedItem.Allow::rule);

    static final Comparator<EnforcedItem> ORDER = Comparator.comparing(EnforcedItem::direction)
            .thenComparingInt(ItemOrder::rank)
            .thenComparing(ItemOrder::compareWithinKind);

    private ItemOrder() {}

    private static int rank(EnforcedItem item) {
        return switch (item) {
            case EnforcedItem.Baseline b -> 0;
            case EnforcedItem.Management m -> 1;
            case EnforcedItem.Allow a -> 2;
            case EnforcedItem.DefaultDeny d -> 3;
        };
    }

    private static int compareWithinKind(EnforcedItem a, EnforcedItem b) {
        return switch (a) {
            case EnforcedItem.Baseline x
            when b instanceof EnforcedItem.Baseline y -> x.allowance().compareTo(y.allowance());
            case EnforcedItem.Management x when b instanceof EnforcedItem.Management y -> MANAGEMENT.compare(x, y);
            case EnforcedItem.Allow x when b instanceof EnforcedItem.Allow y -> ALLOW.compare(x, y);
            default -> 0;
        };
    }
}
