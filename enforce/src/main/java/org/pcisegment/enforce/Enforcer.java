package org.pcisegment.enforce;

/**
 * An enforcement backend: turns the backend-independent {@link DesiredState} of one host into
 * kernel state (nftables table, pf anchor, eBPF maps), reads back what it installed, and removes
 * exactly that. Implementations live in their own package ({@code nft}, {@code pf}, {@code ebpf})
 * and never import each other.
 *
 * <p>Contract every backend keeps:
 *
 * <ul>
 *   <li>{@link #apply} installs the whole desired state in one atomic step and verifies it by
 *       reading it back; on any failure the previous state stays in force (or is restored) and an
 *       {@link EnforcementException} says which. A host is never left half-configured.
 *   <li>It touches only objects pci-segment created (its own table, anchor or maps), so {@link
 *       #disable} removes exactly those and leaves every other rule on the host alone.
 *   <li>{@link #installed} reports items in the same canonical form as {@link
 *       DesiredState#items()}, so that {@link #diff} compares like with like.
 * </ul>
 */
public interface Enforcer {
    /** "nft", "pf", "ebpf": the {@code --backend} value, and the backend named in status and audit. */
    String name();

    /** The text this backend would install for {@code desired} ({@code --dry-run}); changes nothing. */
    String render(DesiredState desired);

    /** Where {@link #render}'s text goes, for "Would write to ..." ("table inet pci_segment", a file). */
    String target();

    /** What pci-segment has installed on this host through this backend (nothing else). */
    InstalledState installed();

    /** What applying {@code desired} would change against {@code installed}. */
    default ChangePlan diff(DesiredState desired, InstalledState installed) {
        return ChangePlan.between(desired, installed);
    }

    /**
     * Installs {@code desired} in one atomic step, replacing what pci-segment installed before, and
     * verifies the result by reading it back.
     *
     * @throws EnforcementException when it could not be installed or verified; {@link
     *     EnforcementException#previousStateKept()} tells whether the earlier state is in force
     */
    Applied apply(DesiredState desired);

    /**
     * Puts back, in one atomic step, the state saved before an apply: the undo of a change that was
     * made but could not be recorded in the audit log.
     *
     * @throws EnforcementException when the state could not be restored
     */
    void restore(Snapshot previous);

    /**
     * Puts {@code previous} back after a change failed half-way and returns the exception that
     * reports it: {@code reason} and whether the previous ruleset is in force again.
     */
    default EnforcementException rolledBack(Snapshot previous, String reason) {
        try {
            restore(previous);
        } catch (EnforcementException e) {
            return new EnforcementException(
                    reason + "; restoring the previous ruleset failed too: " + e.getMessage(), false, e);
        }
        return new EnforcementException(reason + "; the previous ruleset was restored", true);
    }

    /** The installed state with its metadata and per-rule counters. */
    EnforcementStatus status();

    /**
     * Removes everything pci-segment installed through this backend, in one atomic step, and
     * nothing else.
     *
     * @return what was installed before; {@link Removed#removedSomething()} is false when there was
     *     nothing to remove
     * @throws EnforcementException when removal failed (then nothing was removed)
     */
    Removed disable();
}
