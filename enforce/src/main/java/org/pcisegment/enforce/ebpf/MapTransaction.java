package org.pcisegment.enforce.ebpf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.pcisegment.enforce.ebpf.MapLayout.PeerKey;
import org.pcisegment.enforce.ebpf.MapLayout.PortKey;
import org.pcisegment.enforce.ebpf.MapLayout.RuleInfo;
import org.pcisegment.enforce.ebpf.MapLayout.Subject;

/**
 * Moves the installed policy maps from one image to another, entry by entry, while the program
 * keeps running; a failure undoes what was written and leaves the previous image installed.
 *
 * <p>Order keeps every intermediate state coherent for the program: names of new counters and
 * their zeroed slots first, then new port tables (not yet referenced), then peer prefixes (now
 * referencing them), then subjects; removals run the other way round, so nothing is ever looked
 * up through a dangling id. Between two writes a packet sees, per lookup, either the old or the
 * new entry; the map updates are not one atomic step (the kernel has none across entries), which
 * the ordering makes safe: an address is judged by the old or the new policy, never by a mix that
 * admits more than either.
 */
final class MapTransaction {

    /** One entry write: {@code before} null = the key is new; {@code after} null = delete it. */
    record Change(String map, byte[] key, byte @Nullable [] before, byte @Nullable [] after) {}

    /**
     * A write failed. {@link #undone()} tells whether every earlier write of the change was undone
     * (the previous entries are installed) or undoing failed too (the maps are a mix).
     */
    static final class UpdateFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean undone;

        UpdateFailed(String message, boolean undone, BpfException cause) {
            super(message, cause);
            this.undone = undone;
        }

        boolean undone() {
            return undone;
        }
    }

    /** What an applied change did. */
    record Applied(int added, int changed, int removed, long nanos) {
        int total() {
            return added + changed + removed;
        }
    }

    private MapTransaction() {}

    /** The ordered writes that turn {@code from} into {@code to}. */
    static List<Change> diff(MapImage from, MapImage to) {
        List<Change> upserts = new ArrayList<>();
        List<Change> deletes = new ArrayList<>();
        diff(MapLayout.RULE_INFO, from.ruleInfo(), to.ruleInfo(), MapLayout::u32, RuleInfo::encode, upserts, null);
        diff(MapLayout.PORTS, from.ports(), to.ports(), PortKey::encode, MapLayout::u32, upserts, null);
        diff(MapLayout.PEERS, from.peers(), to.peers(), PeerKey::encode, MapLayout::u32, upserts, null);
        diff(MapLayout.SUBJECTS, from.subjects(), to.subjects(), MapLayout::addressKey, Subject::encode, upserts, null);
        diff(MapLayout.SUBJECTS, from.subjects(), to.subjects(), MapLayout::addressKey, Subject::encode, null, deletes);
        diff(MapLayout.PEERS, from.peers(), to.peers(), PeerKey::encode, MapLayout::u32, null, deletes);
        diff(MapLayout.PORTS, from.ports(), to.ports(), PortKey::encode, MapLayout::u32, null, deletes);
        diff(MapLayout.RULE_INFO, from.ruleInfo(), to.ruleInfo(), MapLayout::u32, RuleInfo::encode, null, deletes);
        List<Change> all = new ArrayList<>(upserts.size() + deletes.size());
        all.addAll(upserts);
        all.addAll(deletes);
        return all;
    }

    private static <K, V> void diff(
            String map,
            Map<K, V> from,
            Map<K, V> to,
            Function<K, byte[]> keys,
            Function<V, byte[]> values,
            @Nullable List<Change> upserts,
            @Nullable List<Change> deletes) {
        if (upserts != null) {
            to.forEach((key, value) -> {
                V old = from.get(key);
                if (!value.equals(old)) {
                    upserts.add(new Change(
                            map, keys.apply(key), old == null ? null : values.apply(old), values.apply(value)));
                }
            });
        }
        if (deletes != null) {
            from.forEach((key, value) -> {
                if (!to.containsKey(key)) {
                    deletes.add(new Change(map, keys.apply(key), values.apply(value), null));
                }
            });
        }
    }

    /**
     * Writes the changes in order. New counter ids named by the changes get their per-CPU slots
     * zeroed before anything references them. On a failure every write already made is undone in
     * reverse order and {@link UpdateFailed} says which write failed and that the previous entries
     * are back (or, should undoing fail too, that the maps are inconsistent).
     */
    static Applied apply(PinnedObjects objects, List<Change> changes) {
        long start = System.nanoTime();
        zeroNewCounters(objects, changes);
        int done = 0;
        int added = 0;
        int changed = 0;
        int removed = 0;
        try {
            for (Change change : changes) {
                BpfMap map = objects.map(change.map());
                byte[] after = change.after();
                if (after == null) {
                    map.remove(change.key());
                    removed++;
                } else {
                    map.put(change.key(), after);
                    if (change.before() == null) {
                        added++;
                    } else {
                        changed++;
                    }
                }
                done++;
            }
        } catch (BpfException e) {
            Change failed = changes.get(done);
            RuntimeException undoFailure = undo(objects, changes.subList(0, done));
            String what = "policy update failed at write " + (done + 1) + " of " + changes.size() + " (map '"
                    + failed.map() + "'): " + e.getMessage();
            if (undoFailure != null) {
                UpdateFailed inconsistent = new UpdateFailed(
                        what + "; undoing the " + done + " writes made also failed (" + undoFailure.getMessage()
                                + "): the maps hold a mix of old and new entries, run 'pci-segment disable"
                                + " --backend ebpf' and enforce again",
                        false,
                        e);
                inconsistent.addSuppressed(undoFailure);
                throw inconsistent;
            }
            throw new UpdateFailed(
                    what + "; the " + done + " writes made were undone, the previous policy stays", true, e);
        }
        return new Applied(added, changed, removed, System.nanoTime() - start);
    }

    private static @Nullable RuntimeException undo(PinnedObjects objects, List<Change> done) {
        RuntimeException failure = null;
        for (int i = done.size() - 1; i >= 0; i--) {
            Change change = done.get(i);
            BpfMap map = objects.map(change.map());
            try {
                byte[] before = change.before();
                if (before == null) {
                    map.remove(change.key());
                } else {
                    map.put(change.key(), before);
                }
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        return failure;
    }

    /** Counter ids that a change names for the first time start from zero on every CPU. */
    private static void zeroNewCounters(PinnedObjects objects, List<Change> changes) {
        BpfMap counters = objects.map(MapLayout.COUNTERS);
        byte[] zero = new byte[counters.valueSize()];
        for (Change change : changes) {
            if (change.map().equals(MapLayout.RULE_INFO) && change.before() == null && change.after() != null) {
                counters.put(change.key(), zero);
            }
        }
    }

    /** Whether two images hold the same entries (used by tests and after a rollback). */
    static boolean same(MapImage a, MapImage b) {
        return diff(a, b).isEmpty();
    }
}
