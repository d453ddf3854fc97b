package org.pcisegment.enforce;

/**
 * The outcome of {@link Enforcer#disable}: what was installed before ({@link InstalledState.Absent}
 * when there was nothing to remove), and its snapshot, for {@link Enforcer#restore} when the
 * removal cannot be recorded.
 */
public record Removed(InstalledState before, Snapshot previous) {
    public boolean removedSomething() {
        return before instanceof InstalledState.Present;
    }
}
