package org.pcisegment.cloud;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares the desired groups with what the cloud has and lists the steps between them. Only
 * groups carrying our ownership tag are changed or destroyed; a group with one of our names that
 * is not ours blocks the plan instead of being taken over. Instances tagged CDE end up with
 * exactly the groups of the policies that select them (other groups are detached, never deleted);
 * other instances keep the groups that are not ours (AWS), and a non-CDE NIC holding someone
 * else's NSG blocks the plan (Azure allows one NSG per NIC).
 */
public final class Planner {
    private Planner() {}

    /** The group each instance should carry, and which policies each group serves. */
    record Assignment(Map<String, List<String>> groupPolicies, Map<String, List<String>> instanceGroups) {}

    public static Plan plan(
            CloudConfig config,
            String policySetHash,
            List<PolicyIntent> intents,
            CloudState state,
            ProviderRules provider) {
        List<String> conflicts = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (PolicyIntent intent : intents) {
            intent.notes().forEach(note -> notes.add(intent.policy() + ": " + note));
        }
        Assignment assignment = assign(config, intents, state, provider, conflicts);
        Map<String, PolicyIntent> byPolicy = new LinkedHashMap<>();
        intents.forEach(i -> byPolicy.put(i.policy(), i));

        List<Change> creations = new ArrayList<>();
        List<Change> ruleChanges = new ArrayList<>();
        List<Change> attachments = new ArrayList<>();
        List<Change> destructions = new ArrayList<>();
        Map<String, String> labels = new LinkedHashMap<>();
        CloudConfig.Tag ownership = config.ownershipTag();

        for (Map.Entry<String, List<String>> needed : assignment.groupPolicies().entrySet()) {
            String name = needed.getKey();
            List<String> policies = needed.getValue();
            String label = (policies.size() == 1 ? "policy " : "policies ") + String.join(", ", policies);
            Optional<CloudState.Group> actual = state.groupByName(name);
            if (actual.isPresent() && !actual.get().ownedBy(ownership)) {
                conflicts.add(provider.groupNoun() + " " + actual.get().display() + " exists but does not"
                        + " carry the ownership tag " + ownership + ": pci-segment will not take it over; choose"
                        + " another namePrefix or remove that group");
                continue;
            }
            List<PolicyIntent> served = policies.stream().map(byPolicy::get).toList();
            List<String> groupNotes = new ArrayList<>();
            List<CloudRule> current = actual.map(CloudState.Group::rules).orElse(List.of());
            List<CloudRule> desired = provider.rules(served, current, groupNotes);
            groupNotes.forEach(note -> notes.add(name + ": " + note));
            if (actual.isEmpty()) {
                labels.put(name, label);
                creations.add(new Change.CreateGroup(name, "pci-segment " + label, tags(ownership, policies)));
                desired.forEach(rule -> ruleChanges.add(new Change.AddRule(name, rule)));
                Set<String> desiredNames = names(desired);
                for (CloudRule added : provider.rulesAddedOnCreate()) {
                    if (!desiredNames.contains(added.name())) {
                        ruleChanges.add(new Change.RemoveRule(
                                name,
                                added,
                                Optional.of("added by " + provider.kind().displayName() + " to every new group")));
                    }
                }
                continue;
            }
            labels.put(name, label + ", " + actual.get().id());
            ruleChanges.addAll(diff(name, desired, current));
        }

        for (CloudState.Instance instance : state.instances()) {
            List<String> desiredNames = assignment.instanceGroups().getOrDefault(instance.id(), List.of());
            List<String> before = new ArrayList<>();
            List<String> unmanaged = new ArrayList<>();
            for (String id : instance.groupIds()) {
                Optional<CloudState.Group> group = state.groupById(id);
                if (group.isPresent() && group.get().ownedBy(ownership)) {
                    before.add(group.get().name());
                } else {
                    before.add(id);
                    unmanaged.add(id);
                }
            }
            // A CDE instance carries only the groups of its policies: any other group's allows would
            // add to them. Elsewhere other groups stay (AWS) or block the change (Azure: one NSG).
            boolean cde = InstanceLabels.isCde(instance, config);
            List<String> after = new ArrayList<>(cde && !desiredNames.isEmpty() ? List.of() : unmanaged);
            after.addAll(desiredNames);
            if (new HashSet<>(before).equals(new HashSet<>(after))) {
                continue;
            }
            if (provider.maxGroupsPerInstance() == 1 && !cde && !unmanaged.isEmpty()) {
                conflicts.add(instance.display() + " holds " + provider.groupNoun() + " "
                        + String.join(
                                ", ", unmanaged.stream().map(CloudState::brief).toList())
                        + ", which is not ours: pci-segment will not replace it with " + String.join(", ", desiredNames)
                        + "; detach it or tag it " + ownership);
                continue;
            }
            if (after.isEmpty() && provider.maxGroupsPerInstance() > 1) {
                conflicts.add(instance.display() + " would be left with no " + provider.groupNoun()
                        + " (every instance needs one): attach another group before its policy is removed");
                continue;
            }
            attachments.add(new Change.SetInstanceGroups(instance.id(), instance.display(), before, after));
        }

        for (CloudState.Group group : state.groups()) {
            if (group.ownedBy(ownership) && !assignment.groupPolicies().containsKey(group.name())) {
                labels.put(group.name(), "no policy, " + CloudState.brief(group.id()));
                destructions.add(new Change.DeleteGroup(group.name(), group.id()));
            }
        }
        List<Change> changes = new ArrayList<>(creations);
        changes.addAll(ruleChanges);
        changes.addAll(attachments);
        changes.addAll(destructions);
        return new Plan(config.scope(), policySetHash, changes, labels, conflicts, notes);
    }

    /** Rule steps for an existing group: removals first (deny first), then rewrites, then additions. */
    static List<Change> diff(String group, List<CloudRule> desired, List<CloudRule> current) {
        Map<String, CloudRule> wanted = byName(desired);
        Map<String, CloudRule> present = byName(current);
        List<Change> removals = new ArrayList<>();
        List<Change> rewrites = new ArrayList<>();
        List<Change> additions = new ArrayList<>();
        for (CloudRule rule : current) {
            CloudRule target = wanted.get(rule.name());
            if (target == null) {
                removals.add(new Change.RemoveRule(group, rule, Optional.empty()));
            } else if (!target.sameAs(rule)) {
                rewrites.add(new Change.ReplaceRule(group, rule, target));
            }
        }
        for (CloudRule rule : desired) {
            if (!present.containsKey(rule.name())) {
                additions.add(new Change.AddRule(group, rule));
            }
        }
        List<Change> all = new ArrayList<>(removals);
        all.addAll(rewrites);
        all.addAll(additions);
        return all;
    }

    /** Groups per policy (and per combination where one instance may carry only one group). */
    static Assignment assign(
            CloudConfig config,
            List<PolicyIntent> intents,
            CloudState state,
            ProviderRules provider,
            List<String> conflicts) {
        Map<String, List<String>> groupPolicies = new LinkedHashMap<>();
        for (PolicyIntent intent : intents) {
            groupPolicies.put(GroupNames.of(config.namePrefix(), List.of(intent.policy())), List.of(intent.policy()));
        }
        Map<String, List<String>> instanceGroups = new LinkedHashMap<>();
        for (CloudState.Instance instance : state.instances()) {
            Map<String, String> labels = InstanceLabels.of(instance, config);
            List<String> matched = intents.stream()
                    .filter(i -> i.selector().matches(labels))
                    .map(PolicyIntent::policy)
                    .toList();
            if (matched.isEmpty()) {
                continue;
            }
            if (matched.size() > provider.maxGroupsPerInstance() && provider.maxGroupsPerInstance() > 1) {
                conflicts.add(instance.display() + " is selected by " + matched.size() + " policies ("
                        + String.join(", ", matched) + "); " + provider.kind().displayName() + " allows "
                        + provider.maxGroupsPerInstance() + " groups per interface");
                continue;
            }
            if (matched.size() > 1 && provider.maxGroupsPerInstance() == 1) {
                String combined = GroupNames.of(config.namePrefix(), matched);
                groupPolicies.putIfAbsent(combined, matched);
                instanceGroups.put(instance.id(), List.of(combined));
                continue;
            }
            instanceGroups.put(
                    instance.id(),
                    matched.stream()
                            .map(p -> GroupNames.of(config.namePrefix(), List.of(p)))
                            .toList());
        }
        return new Assignment(groupPolicies, instanceGroups);
    }

    static Map<String, String> tags(CloudConfig.Tag ownership, List<String> policies) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(ownership.key(), ownership.value());
        tags.put(GroupNames.POLICY_TAG, String.join(",", policies));
        return tags;
    }

    private static Set<String> names(List<CloudRule> rules) {
        Set<String> names = new HashSet<>();
        rules.forEach(r -> names.add(r.name()));
        return names;
    }

    private static Map<String, CloudRule> byName(List<CloudRule> rules) {
        Map<String, CloudRule> map = new LinkedHashMap<>();
        rules.forEach(r -> map.putIfAbsent(r.name(), r));
        return map;
    }
}
