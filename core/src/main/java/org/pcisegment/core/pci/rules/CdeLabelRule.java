package org.pcisegment.core.pci.rules;

import java.util.List;
import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.pci.PciRule;
import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.core.pci.ValidationContext;
import org.pcisegment.core.policy.Policy;

/**
 * A policy that governs CDE workloads selects them by the CDE label, so that scope follows the
 * label and not an incidental one ("tier: database").
 */
@RuleInfo(
        id = "PCI-CDE-LABEL",
        requirement = "1.2.1",
        severity = Severity.ERROR,
        summary = "policies that govern the CDE must select with pci-env: cde",
        rationale = "When CDE scope is decided by an unrelated label, a new non-CDE workload can fall under a"
                + " CDE policy, or a new CDE workload can escape it. The CDE label makes scope"
                + " explicit and reviewable.",
        remediation = "Add 'pci-env: cde' to spec.podSelector.matchLabels.")
public final class CdeLabelRule implements PciRule {
    @Override
    public void check(ValidationContext context) {
        for (Policy policy : context.policies()) {
            if (ValidationContext.requiresCdeLabel(policy)) {
                continue;
            }
            List<String> cdeSubjects = context.resolver().subjects(policy).stream()
                    .filter(Workload::isCde)
                    .map(Workload::name)
                    .toList();
            if (!cdeSubjects.isEmpty()) {
                context.report(
                        policy,
                        policy.podSelector().span(),
                        "policy selects CDE workloads ("
                                + String.join(", ", cdeSubjects)
                                + ") without requiring the label pci-env: cde");
            } else if (!context.hasInventory() && !policy.pciRequirements().isEmpty()) {
                context.report(
                        Severity.WARNING,
                        java.util.Optional.of(policy),
                        policy.podSelector().span(),
                        "policy cites PCI-DSS requirements but does not select pci-env: cde; give an"
                                + " inventory (--inventory) to check which workloads it governs");
            }
        }
    }
}
