package org.pcisegment.core.pci.rules;

import org.pcisegment.core.pci.PciRule;
import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.core.pci.ValidationContext;
import org.pcisegment.core.policy.Policy;

/** A policy that lets traffic into the CDE says why, in its description annotation. */
@RuleInfo(
        id = "PCI-CDE-JUSTIFICATION",
        requirement = "1.2.5",
        severity = Severity.WARNING,
        summary = "policies allowing traffic into the CDE need a business justification",
        rationale = "Each allowed service needs a documented business need that an assessor can review.",
        remediation = "Add metadata.annotations.description explaining why the access is needed.")
public final class JustificationRule implements PciRule {
    @Override
    public void check(ValidationContext context) {
        for (Policy policy : context.policies()) {
            if (context.isCdePolicy(policy)
                    && !policy.rulesOf(org.pcisegment.core.policy.Direction.INGRESS)
                            .isEmpty()
                    && policy.description().isEmpty()) {
                context.report(
                        policy,
                        policy.metadata().nameSpan(),
                        "policy allows traffic into the CDE but has no 'description' annotation giving the"
                                + " business justification");
            }
        }
    }
}
