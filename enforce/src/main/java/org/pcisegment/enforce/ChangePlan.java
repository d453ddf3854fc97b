package org.pcisegment.enforce;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * What applying a desired state changes against what is installed: the items added and removed
 * (canonical, sorted), and by name the policies that appear, disappear or change on this host.
 *
 * @param installedBefore whether something of ours was installed
 * @param previous the metadata of what was installed, when there was something and it was readable
 * @param unchanged whether the installed items and rule set hash already equal the desired ones
 */
public record ChangePlan(
        boolean installedBefore,
        Optional<EnforcementMetadata> previous,
        boolean unchanged,
        List<EnforcedItem> added,
        List<EnforcedItem> removed,
        List<String> policiesAdded,
        List<String> policiesRemoved,
        List<String> policiesChanged) {

    public ChangePlan {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        policiesAdded = List.copyOf(policiesAdded);
        policiesRemoved = List.copyOf(policiesRemoved);
        policiesChanged = List.copyOf(policiesChanged);
    }

    public static ChangePlan between(DesiredState desired, InstalledState installed) {
        return between(desired.items(), desired.metadata(), installed, UnaryOperator.identity());
    }

    /**
     * The plan between desired items and what is installed, both first put through {@code
     * normalise}: for backends that store less than an item says (pf keeps no rule names).
     */
    public static ChangePlan between(
            List<EnforcedItem> desiredItems,
            EnforcementMetadata desiredMetadata,
            InstalledState installed,
            UnaryOperator<List<EnforcedItem>> normalise) {
        List<EnforcedItem> wanted = normalise.apply(desiredItems);
        List<EnforcedItem> have = switch (installed) {
            case InstalledState.Absent absent -> List.of();
            case InstalledState.Present present -> normalise.apply(present.items());
        };
        Optional<EnforcementMetadata> previous = switch (installed) {
            case InstalledState.Absent absent -> Optional.empty();
            case InstalledState.Present present -> present.metadata();
        };
        boolean installedBefore = installed instanceof InstalledState.Present;
        Set<EnforcedItem> haveSet = new TreeSet<>(have);
        Set<EnforcedItem> wantSet = new TreeSet<>(wanted);
        List<EnforcedItem> added =
                wanted.stream().filter(i -> !haveSet.contains(i)).toList();
        List<EnforcedItem> removed =
                have.stream().filter(i -> !wantSet.contains(i)).toList();
        Set<String> before = policies(have);
        Set<String> after = policies(wanted);
        Set<String> touched = policies(added);
        touched.addAll(policies(removed));
        List<String> changed = new ArrayList<>();
        for (String policy : after) {
            if (before.contains(policy) && touched.contains(policy)) {
                changed.add(policy);
            }
        }
        boolean sameHash = previous.map(m -> m.ruleSetSha256().equals(desiredMetadata.ruleSetSha256()))
                .orElse(false);
        return new ChangePlan(
                installedBefore,
                previous,
                installedBefore && sameHash && added.isEmpty() && removed.isEmpty(),
                added,
                removed,
                after.stream().filter(p -> !before.contains(p)).toList(),
                before.stream().filter(p -> !after.contains(p)).toList(),
                changed);
    }

    public boolean firstInstall() {
        return !installedBefore;
    }

    /** "3 added, 1 removed". */
    public String summary() {
        return added.size() + " added, " + removed.size() + " removed";
    }

    private static Set<String> policies(List<EnforcedItem> items) {
        Set<String> names = new LinkedHashSet<>();
        items.forEach(item -> item.policyName().ifPresent(names::add));
        return names;
    }
}
