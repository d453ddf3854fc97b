package org.pcisegment.core.pci.rules;

import org.pcisegment.core.pci.PciRule;
import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.core.pci.ValidationContext;
import org.pcisegment.core.policy.Policy;

/** The policy must declare the API version this tool implements. */
@RuleInfo(
        id = "PCI-SCHEMA-API-VERSION",
        requirement = "1.2.1",
        severity = Severity.ERROR,
        summary = "apiVersion must be pci-segment/v1",
        rationale = "A ruleset that declares another schema may be read differently than its author meant,"
                + " so the configuration standard cannot be shown to be applied.",
        remediation = "Set 'apiVersion: pci-segment/v1'.")
public final class ApiVersionRule implements PciRule {
    @Override
    public void check(ValidationContext context) {
        for (Policy policy : context.policies()) {
            String apiVersion = policy.apiVersion().value();
            if (apiVersion.isEmpty()) {
                context.report(policy, policy.span(), "missing apiVersion; expected 'pci-segment/v1'");
            } else if (!apiVersion.equals(Policy.API_VERSION)) {
                context.report(
                        policy,
                        policy.apiVersion().span(),
                        "apiVersion '" + apiVersion + "' is not supported; expected 'pci-segment/v1'");
            }
        }
    }
}
