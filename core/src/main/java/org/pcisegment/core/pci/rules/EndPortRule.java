package org.pcisegment.core.pci.rules;

import org.pcisegment.core.pci.PciRule;
import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.core.pci.ValidationContext;
import org.pcisegment.core.policy.PortSpec;

/** endPort needs a numeric port and must not be below it. */
@RuleInfo(
        id = "PCI-SCHEMA-END-PORT",
        requirement = "1.2.5",
        severity = Severity.ERROR,
        summary = "endPort must follow a numeric port and be at least that port",
        rationale = "A reversed or dangling range does not identify the ports it claims to allow.",
        remediation = "Give 'port' as a number and 'endPort' greater than or equal to it.")
public final class EndPortRule implements PciRule {
    @Override
    public void check(ValidationContext context) {
        PolicyWalk.ports(context.policies(), (policy, rule, spec) -> {
            if (spec.endPort().isEmpty()) {
                return;
            }
            long end = spec.endPort().get().value();
            var span = spec.endPort().get().span();
            if (spec.port().isEmpty()) {
                context.report(policy, span, "endPort " + end + " is given without a port");
            } else if (spec.port().get() instanceof PortSpec.Named named) {
                context.report(
                        policy,
                        span,
                        "endPort cannot be used with the named port '" + named.name() + "'; give the port as a number");
            } else if (spec.port().get() instanceof PortSpec.Number number && end < number.value()) {
                context.report(policy, span, "endPort " + end + " is smaller than port " + number.value());
            }
        });
    }
}
