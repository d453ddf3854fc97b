package org.pcisegment.enforce;

import java.util.List;

/** What pci-segment has installed through one backend, as read back from the kernel. */
public sealed interface InstalledState {

    /** Nothing of ours is installed. */
    record Absent() implements InstalledState {}

    /**
     * Our ruleset is installed: its metadata and its items in canonical form and order (the same
     * form as {@link DesiredState#items()}).
     */
    record Present(EnforcementMetadata metadata, List<EnforcedItem> items) implements InstalledState {
        public Present {
            items = items.stream().sorted(EnforcedItem.ORDER).toList();
        }
    }

    static InstalledState absent() {
        return new Absent();
    }
}
