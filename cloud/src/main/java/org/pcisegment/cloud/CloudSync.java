package org.pcisegment.cloud;

import java.util.List;
import org.pcisegment.audit.AuditSink;
import org.pcisegment.core.load.PolicySet;

/** Plan, and apply unless it is a dry run: what {@code cloud-sync} does, without the printing. */
public final class CloudSync {
    private CloudSync() {}

    /** The plan against the provider's current state. */
    public static Plan plan(PolicySet policySet, CloudConfig config, CloudProvider provider, CloudState state) {
        List<PolicyIntent> intents = DesiredStateBuilder.build(policySet);
        return Planner.plan(config, policySet.shortHash(), intents, state, provider.rules());
    }

    /** Applies a plan made from {@code state}; a blocked or empty plan is not applied. */
    public static ApplyReport apply(
            Plan plan,
            CloudState state,
            PolicySet policySet,
            CloudConfig config,
            CloudProvider provider,
            AuditSink audit) {
        if (plan.isEmpty()) {
            return new ApplyReport(List.of(), List.of(), java.util.Optional.empty());
        }
        return Applier.apply(plan, provider, GroupIds.of(state), audit, config, policySet.sha256());
    }
}
