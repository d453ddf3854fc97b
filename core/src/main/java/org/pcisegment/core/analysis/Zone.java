package org.pcisegment.core.analysis;

import java.util.Optional;
import org.pcisegment.core.inventory.Inventory;
import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.net.PrefixSet;

/**
 * A place traffic comes from or goes to: one inventory workload, or the outside world (every
 * address that no inventory workload has).
 */
public record Zone(String name, ZoneGroup group, PrefixSet addresses, Optional<Workload> workload) {

    public static final String OUTSIDE_NAME = "outside";

    public static Zone of(Workload workload, Inventory inventory) {
        return new Zone(
                workload.name(),
                workload.isCde() ? ZoneGroup.CDE : ZoneGroup.NON_CDE,
                inventory.prefixesOf(workload),
                Optional.of(workload));
    }

    public static Zone outside(Inventory inventory) {
        return new Zone(
                OUTSIDE_NAME, ZoneGroup.OUTSIDE, inventory.allAddresses().complement(), Optional.empty());
    }

    public boolean isOutside() {
        return group == ZoneGroup.OUTSIDE;
    }

    public boolean isCde() {
        return group == ZoneGroup.CDE;
    }
}
