package org.pcisegment.core.pci.rules;

import org.pcisegment.core.pci.PciRequirements;
import org.pcisegment.core.pci.PciRule;
import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.core.pci.ValidationContext;
import org.pcisegment.core.policy.Located;
import org.pcisegment.core.policy.Policy;

/** The pci-dss annotation cites requirements that exist in PCI DSS v4.0. */
@RuleInfo(
        id = "PCI-ANNOTATION-REQUIREMENT",
        requirement = "1.2.1",
        severity = Severity.ERROR,
        summary = "the pci-dss annotation must cite PCI DSS v4.0 requirements",
        rationale = "Reports map each policy to the requirements it cites; a citation of a requirement that"
                + " does not exist (or of the older v3.2.1 numbering) misleads the assessor.",
        remediation = "Cite v4.0 ids such as 'Req 1.3.1, Req 1.3.2'.")
public final class RequirementCitationRule implements PciRule {
    @Override
    public void check(ValidationContext context) {
        for (Policy policy : context.policies()) {
            Located<String> annotation = policy.metadata().annotations().get(Policy.PCI_DSS_ANNOTATION);
            if (annotation == null) {
                continue;
            }
            if (policy.pciRequirements().isEmpty()) {
                context.report(
                        policy,
                        annotation.span(),
                        "pci-dss annotation '"
                                + annotation.value()
                                + "' cites no requirement; expected ids such as 'Req 1.3.1'");
            }
            for (Located<String> id : policy.pciRequirements()) {
                if (!PciRequirements.exists(id.value())) {
                    context.report(
                            policy,
                            id.span(),
                            "pci-dss annotation cites 'Req "
                                    + id.value()
                                    + "', which is not a PCI DSS v4.0 requirement");
                }
            }
        }
    }
}
