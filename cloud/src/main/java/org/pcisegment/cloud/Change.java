package org.pcisegment.cloud;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One step of a plan: what it does to which resource, and how a plan shows it. */
public sealed interface Change {

    /** The group (by name) or instance (by id) the step changes. */
    String resource();

    /** One line for the plan: "+ ingress allow tcp 443 from 10.0.2.10/32". */
    String line();

    /** Creates a group with its tags; it starts with no rules but what the provider adds itself. */
    record CreateGroup(String group, String description, Map<String, String> tags) implements Change {
        public CreateGroup {
            tags = Map.copyOf(tags);
        }

        @Override
        public String resource() {
            return group;
        }

        @Override
        public String line() {
            return "+ create " + group + " (" + description + ")";
        }
    }

    record AddRule(String group, CloudRule rule) implements Change {
        @Override
        public String resource() {
            return group;
        }

        @Override
        public String line() {
            return "+ " + rule.display() + origin(rule);
        }
    }

    /** Removes a rule; {@code why} says what it was when that is not obvious (a provider default). */
    record RemoveRule(String group, CloudRule rule, Optional<String> why) implements Change {
        @Override
        public String resource() {
            return group;
        }

        @Override
        public String line() {
            return "- " + rule.display() + why.map(w -> "  # " + w).orElse("");
        }
    }

    /** Rewrites a rule of the same name (Azure) whose content or priority differs. */
    record ReplaceRule(String group, CloudRule before, CloudRule after) implements Change {
        @Override
        public String resource() {
            return group;
        }

        @Override
        public String line() {
            return "~ " + after.name() + ": " + before.display() + "  =>  " + after.display();
        }
    }

    /**
     * Sets the groups of one instance (AWS, all at once) or the NSG of one NIC (Azure: at most one).
     * Groups are named; managed groups created earlier in the same apply get their ids then.
     */
    record SetInstanceGroups(String instanceId, String instanceDisplay, List<String> before, List<String> after)
            implements Change {
        public SetInstanceGroups {
            before = List.copyOf(before);
            after = List.copyOf(after);
        }

        @Override
        public String resource() {
            return instanceId;
        }

        @Override
        public String line() {
            List<String> added = after.stream().filter(g -> !before.contains(g)).toList();
            List<String> removed =
                    before.stream().filter(g -> !after.contains(g)).toList();
            StringBuilder text = new StringBuilder("~ ").append(instanceDisplay).append(":");
            added.forEach(g -> text.append(" +").append(CloudState.brief(g)));
            removed.forEach(g -> text.append(" -").append(CloudState.brief(g)));
            return text.toString();
        }
    }

    /** Deletes a group we created whose policy is gone (after it was detached everywhere). */
    record DeleteGroup(String group, String id) implements Change {
        @Override
        public String resource() {
            return group;
        }

        @Override
        public String line() {
            return "- destroy " + group + " (" + CloudState.brief(id) + "): its policy is no longer in the policy set";
        }
    }

    private static String origin(CloudRule rule) {
        return rule.description().isEmpty() ? "" : "  # " + rule.description();
    }
}
