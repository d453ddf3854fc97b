package org.pcisegment.cloud;

import java.util.List;

/**
 * What the planner needs to know of a provider's rule model, without talking to it: limits, how
 * allowed flows become rules, and what the provider adds by itself. Kept apart from {@link
 * CloudProvider} so that plans and Terraform export can be made without SDK clients.
 */
public interface ProviderRules {
    CloudConfig.Provider kind();

    /** Word for a group in plans: "security group" or "NSG". */
    String groupNoun();

    /**
     * How many of our groups one instance may carry: AWS attaches several security groups to an
     * interface (their allows add up); Azure attaches one NSG to a NIC, so an instance that several
     * policies select gets one NSG holding the union of their rules.
     */
    int maxGroupsPerInstance();

    /**
     * The rules of a group serving {@code intents}, named; {@code current} are the rules the group
     * has now (empty for a new group), so that providers with priorities keep the ones in use.
     * Whatever cannot be expressed is left out (denied) and said in {@code notes}.
     */
    List<CloudRule> rules(List<PolicyIntent> intents, List<CloudRule> current, List<String> notes);

    /** Rules the provider puts into every group it creates (AWS: allow all egress). */
    List<CloudRule> rulesAddedOnCreate();
}
