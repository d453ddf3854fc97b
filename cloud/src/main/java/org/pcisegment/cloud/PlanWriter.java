package org.pcisegment.cloud;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shows a plan the way Terraform does: one block per resource, {@code +}, {@code -} and {@code ~} lines. */
public final class PlanWriter {
    private PlanWriter() {}

    public static String write(Plan plan, ProviderRules provider) {
        StringBuilder out = new StringBuilder();
        out.append("Plan for ")
                .append(plan.scope())
                .append(" (policy set ")
                .append(plan.policySetHash())
                .append(")\n\n");
        Map<String, List<Change>> byResource = new LinkedHashMap<>();
        for (Change change : plan.changes()) {
            byResource
                    .computeIfAbsent(change.resource(), k -> new ArrayList<>())
                    .add(change);
        }
        for (Map.Entry<String, List<Change>> entry : byResource.entrySet()) {
            List<Change> changes = entry.getValue();
            Change first = changes.getFirst();
            switch (first) {
                case Change.CreateGroup create ->
                    out.append("  + ")
                            .append(provider.groupNoun())
                            .append(' ')
                            .append(create.group())
                            .append(" (")
                            .append(plan.groupLabels().getOrDefault(create.group(), ""))
                            .append(")\n");
                case Change.DeleteGroup delete ->
                    out.append("  - ")
                            .append(provider.groupNoun())
                            .append(' ')
                            .append(delete.group())
                            .append(" (")
                            .append(CloudState.brief(delete.id()))
                            .append("): its policy is no longer in the policy set\n");
                case Change.SetInstanceGroups set -> {
                    out.append("  ~ ").append(set.line().substring(2)).append('\n');
                    continue;
                }
                default ->
                    out.append("  ~ ")
                            .append(provider.groupNoun())
                            .append(' ')
                            .append(entry.getKey())
                            .append(" (")
                            .append(plan.groupLabels().getOrDefault(entry.getKey(), ""))
                            .append(")\n");
            }
            for (Change change : changes) {
                if (change instanceof Change.AddRule
                        || change instanceof Change.RemoveRule
                        || change instanceof Change.ReplaceRule) {
                    out.append("      ").append(change.line()).append('\n');
                }
            }
        }
        if (plan.isEmpty()) {
            out.append("  No changes: the cloud matches the policies.\n");
        }
        if (!plan.notes().isEmpty()) {
            out.append("\nNotes:\n");
            plan.notes().forEach(note -> out.append("  - ").append(note).append('\n'));
        }
        if (!plan.conflicts().isEmpty()) {
            out.append("\nBlocked (nothing will be applied):\n");
            plan.conflicts().forEach(c -> out.append("  ! ").append(c).append('\n'));
        }
        out.append("\nPlan: ")
                .append(plan.count(Change.CreateGroup.class))
                .append(" to create, ")
                .append(plan.count(Change.DeleteGroup.class))
                .append(" to destroy, ")
                .append(plan.count(Change.AddRule.class))
                .append(" rule(s) to add, ")
                .append(plan.count(Change.RemoveRule.class))
                .append(" to remove, ")
                .append(plan.count(Change.ReplaceRule.class))
                .append(" to rewrite, ")
                .append(plan.count(Change.SetInstanceGroups.class))
                .append(" attachment change(s).\n");
        return out.toString();
    }
}
