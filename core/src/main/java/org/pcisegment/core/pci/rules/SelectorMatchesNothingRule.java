package org.pcisegment.core.pci.rules;

import org.pcisegment.core.pci.PciRule;
import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.core.pci.ValidationContext;
import org.pcisegment.core.policy.Peer;
import org.pcisegment.core.policy.Policy;
import org.pcisegment.core.policy.PolicyRule;

/** With an inventory, a selector that matches no workload is dead configuration. */
@RuleInfo(
        id = "PCI-SELECTOR-MATCHES-NOTHING",
        requirement = "1.2.7",
        severity = Severity.WARNING,
        summary = "selectors should match at least one inventory workload",
        rationale = "Rules that apply to nothing are left-over or mistyped configuration; reviews must find"
                + " and remove them.",
        remediation = "Fix the labels of the selector or of the inventory, or remove the rule.")
public final class SelectorMatchesNothingRule implements PciRule {
    @Override
    public void check(ValidationContext context) {
        if (!context.hasInventory()) {
            return;
        }
        for (Policy policy : context.policies()) {
            if (context.resolver().select(policy.podSelector()).isEmpty()) {
                context.report(
                        policy,
                        policy.podSelector().span(),
                        "spec.podSelector '"
                                + policy.podSelector()
                                + "' matches no workload in the inventory; the policy applies to nothing");
            }
            for (PolicyRule rule : policy.allRules()) {
                for (Peer peer : rule.peers()) {
                    if (peer instanceof Peer.Workloads workloads
                            && context.resolver().select(workloads.selector()).isEmpty()) {
                        context.report(
                                policy,
                                peer.span(),
                                rule.label()
                                        + " peer podSelector '"
                                        + workloads.selector()
                                        + "' matches no workload in the inventory");
                    }
                }
            }
        }
    }
}
