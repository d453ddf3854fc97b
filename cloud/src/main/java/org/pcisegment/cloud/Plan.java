package org.pcisegment.cloud;

import java.util.List;
import java.util.Map;

/**
 * The steps that take the cloud from what it has to what the policies ask, in the order they are
 * applied (creations, rules, attachments, destructions), with what blocks the plan and the notes
 * on what could not be expressed.
 *
 * @param groupLabels for each group the plan touches: "policy cde-payment-api" and its id when known
 * @param conflicts reasons the plan must not be applied (a group of ours by name that is not ours)
 */
public record Plan(
        String scope,
        String policySetHash,
        List<Change> changes,
        Map<String, String> groupLabels,
        List<String> conflicts,
        List<String> notes) {

    public Plan {
        changes = List.copyOf(changes);
        groupLabels = Map.copyOf(groupLabels);
        conflicts = List.copyOf(conflicts);
        notes = List.copyOf(notes);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public long count(Class<? extends Change> type) {
        return changes.stream().filter(type::isInstance).count();
    }
}
