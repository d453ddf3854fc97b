package org.pcisegment.core.pci.rules;

import java.util.Optional;
import org.pcisegment.core.ir.PolicyResolver;
import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.pci.PciRule;
import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.core.pci.ValidationContext;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.core.policy.PortSpec;

/** CDE port ranges stay narrow (the limit is --max-port-range, 100 by default). */
@RuleInfo(
        id = "PCI-CDE-PORT-RANGE-WIDE",
        requirement = "1.2.5",
        severity = Severity.WARNING,
        summary = "CDE port ranges should not exceed the configured width",
        rationale = "A wide range opens services nobody identified; each allowed port needs a business" + " reason.",
        remediation = "Narrow the range to the ports in use, or raise --max-port-range with a reason.")
public final class WidePortRangeRule implements PciRule {
    @Override
    public void check(ValidationContext context) {
        int limit = context.options().maxPortRange();
        for (Direction direction : Direction.values()) {
            for (CdeRules.CdeRule cde : CdeRules.rules(context, direction)) {
                for (PortSpec spec : cde.rule().ports()) {
                    if (spec.endPort().isEmpty()) {
                        continue;
                    }
                    Optional<PortSet> ports = PolicyResolver.ports(spec);
                    if (ports.isPresent() && ports.get().count() > limit) {
                        context.report(
                                cde.policy(),
                                spec.span(),
                                "CDE "
                                        + direction.sectionField()
                                        + " rule "
                                        + cde.rule().label()
                                        + " opens the port range "
                                        + ports.get()
                                        + " ("
                                        + ports.get().count()
                                        + " ports, limit "
                                        + limit
                                        + ")");
                    }
                }
            }
        }
    }
}
