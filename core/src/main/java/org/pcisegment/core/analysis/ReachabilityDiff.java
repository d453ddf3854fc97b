package org.pcisegment.core.analysis;

import java.util.List;

/**
 * What changed in reachability between two versions of a policy set: openings added and removed,
 * CDE changes first. {@link #opensCdeAccess()} is the change-control gate.
 */
public record ReachabilityDiff(Reachability before, Reachability after, List<ConnectionChange> changes) {

    public ReachabilityDiff {
        changes = List.copyOf(changes);
    }

    public boolean opensCdeAccess() {
        return changes.stream().anyMatch(ConnectionChange::opensCdeAccess);
    }

    public long count(ConnectionChange.Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind).count();
    }
}
