package org.pcisegment.enforce;

import java.util.List;
import java.util.Optional;

/** What pci-segment has installed through one backend, as read back from the kernel. */
public sealed interface InstalledState {

    /** Nothing of ours is installed. */
    record Absent() implements InstalledState {}

    /**
     * Our ruleset is installed: its items in canonical form and order (the same form as {@link
     * DesiredState#items()}), and its metadata when it could be read (empty when someone altered
     * it: then the installed state is reported, not trusted).
     */
    record Present(Optional<EnforcementMetadata> metadata, List<EnforcedItem> items) implements InstalledState {
        public Present {
            items = items.stream().sorted(EnforcedItem.ORDER).toList();
        }
    }

    static InstalledState absent() {
        return new Absent();
    }
}
