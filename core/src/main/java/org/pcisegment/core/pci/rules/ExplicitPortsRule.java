package org.pcisegment.core.pci.rules;

import org.pcisegment.core.pci.PciRule;
import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.core.pci.ValidationContext;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.core.policy.PortSpec;

/** Every CDE rule names its ports: "all ports" is never a necessary service. */
@RuleInfo(
        id = "PCI-CDE-PORTS-EXPLICIT",
        requirement = "1.2.5",
        severity = Severity.ERROR,
        summary = "CDE rules must list explicit ports",
        rationale = "Every service, protocol and port allowed into or out of the CDE must be identified and"
                + " have a business need; a rule without ports allows all of them.",
        remediation = "Add a 'ports' list with the protocol and port of each needed service.")
public final class ExplicitPortsRule implements PciRule {
    @Override
    public void check(ValidationContext context) {
        for (Direction direction : Direction.values()) {
            for (CdeRules.CdeRule cde : CdeRules.rules(context, direction)) {
                if (cde.rule().allowsAllPorts()) {
                    context.report(
                            cde.policy(),
                            cde.rule().span(),
                            "CDE "
                                    + direction.sectionField()
                                    + " rule "
                                    + cde.rule().label()
                                    + " allows every port and protocol; list the ports it needs");
                    continue;
                }
                for (PortSpec spec : cde.rule().ports()) {
                    if (spec.port().isEmpty() && spec.endPort().isEmpty()) {
                        context.report(
                                cde.policy(),
                                spec.span(),
                                "CDE "
                                        + direction.sectionField()
                                        + " rule "
                                        + cde.rule().label()
                                        + " allows every "
                                        + spec.protocol().value()
                                        + " port; give a port");
                    }
                }
            }
        }
    }
}
