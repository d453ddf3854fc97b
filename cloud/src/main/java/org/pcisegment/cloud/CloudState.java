package org.pcisegment.cloud;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the provider has in the configured scope: every security group or NSG (ours and others'), and
 * every instance (AWS) or network interface (Azure) with its tags and attached groups.
 */
public record CloudState(List<Group> groups, List<Instance> instances) {

    public CloudState {
        groups = List.copyOf(groups);
        instances = List.copyOf(instances);
    }

    /**
     * A security group or NSG as read: its custom rules flattened to {@link CloudRule}s, and for
     * Azure the default rules that apply after them (used only to judge what is effectively open).
     */
    public record Group(
            String id, String name, Map<String, String> tags, List<CloudRule> rules, List<CloudRule> defaultRules) {
        public Group {
            tags = Map.copyOf(tags);
            rules = List.copyOf(rules);
            defaultRules = List.copyOf(defaultRules);
        }

        /** "sg-0123 name" style for people: AWS "name (sg-0123)", Azure the name alone (its id is a path). */
        public String display() {
            return id.endsWith("/" + name) ? name : name + " (" + id + ")";
        }

        public boolean ownedBy(CloudConfig.Tag ownership) {
            return ownership.value().equals(tags.get(ownership.key()));
        }
    }

    /** An instance or NIC: its id, a display name, its tags, and the ids of the groups attached to it. */
    public record Instance(String id, String name, Map<String, String> tags, List<String> groupIds) {
        public Instance {
            tags = Map.copyOf(tags);
            groupIds = List.copyOf(groupIds);
        }

        public String display() {
            if (name.isEmpty() || name.equals(id)) {
                return id;
            }
            // Azure ids are resource paths ending in the name: the name says it all.
            return id.endsWith("/" + name) ? name : id + " (" + name + ")";
        }
    }

    /** A resource reference as people read it: the last segment of an Azure resource path. */
    public static String brief(String reference) {
        return reference.startsWith("/") ? reference.substring(reference.lastIndexOf('/') + 1) : reference;
    }

    public Optional<Group> groupById(String id) {
        return groups.stream().filter(g -> g.id().equals(id)).findFirst();
    }

    public Optional<Group> groupByName(String name) {
        return groups.stream().filter(g -> g.name().equals(name)).findFirst();
    }
}
