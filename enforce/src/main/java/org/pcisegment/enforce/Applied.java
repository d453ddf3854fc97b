package org.pcisegment.enforce;

/**
 * The outcome of a successful {@link Enforcer#apply}: what changed, the state read back after the
 * commit (its items equal the desired items, or apply would have failed), and what was installed
 * before, for {@link Enforcer#restore} when the change cannot be recorded.
 */
public record Applied(ChangePlan plan, InstalledState.Present installed, Snapshot previous) {}
