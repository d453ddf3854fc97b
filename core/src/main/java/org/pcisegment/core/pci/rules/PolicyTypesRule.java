package org.pcisegment.core.pci.rules;

import org.pcisegment.core.pci.PciRule;
import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.core.pci.ValidationContext;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.core.policy.Policy;

/**
 * Rules for a direction missing from an explicit policyTypes list are enforced by pci-segment but
 * ignored by Kubernetes: the two readings of the policy differ.
 */
@RuleInfo(
        id = "PCI-SCHEMA-POLICY-TYPES",
        requirement = "1.2.1",
        severity = Severity.WARNING,
        summary = "policyTypes should list every direction that has rules",
        rationale = "Kubernetes ignores rules of a direction left out of policyTypes while pci-segment"
                + " enforces them; a policy must mean the same thing wherever it is applied.",
        remediation = "Add the direction to policyTypes, or remove its rules.")
public final class PolicyTypesRule implements PciRule {
    @Override
    public void check(ValidationContext context) {
        for (Policy policy : context.policies()) {
            if (policy.policyTypes().isEmpty()) {
                continue;
            }
            for (Direction direction : Direction.values()) {
                if (policy.rules(direction).isPresent() && !policy.policyTypes().contains(direction)) {
                    context.report(
                            policy,
                            policy.span(),
                            "policy has "
                                    + direction.sectionField()
                                    + " rules but policyTypes does not list "
                                    + direction.yamlName()
                                    + "; pci-segment enforces them, Kubernetes would ignore them");
                }
            }
        }
    }
}
