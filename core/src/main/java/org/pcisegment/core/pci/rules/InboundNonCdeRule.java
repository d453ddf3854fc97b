package org.pcisegment.core.pci.rules;

import java.util.List;
import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.net.PrefixSet;
import org.pcisegment.core.pci.PciRule;
import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.core.pci.ValidationContext;
import org.pcisegment.core.policy.Direction;

/** Names the non-CDE workloads that a CDE ingress rule admits, so each can be justified. */
@RuleInfo(
        id = "PCI-CDE-INBOUND-NONCDE",
        requirement = "1.3.1",
        severity = Severity.WARNING,
        summary = "CDE ingress from non-CDE workloads must be deliberate",
        rationale = "Systems that can reach the CDE are connected-to systems and come into PCI scope; each"
                + " must be known and justified.",
        remediation =
                "Narrow the peers to the workloads that need access, and record why in the policy's" + " description.")
public final class InboundNonCdeRule implements PciRule {
    @Override
    public void check(ValidationContext context) {
        if (!context.hasInventory()) {
            return;
        }
        for (CdeRules.CdeRule cde : CdeRules.rules(context, Direction.INGRESS)) {
            PrefixSet admitted = context.resolver().addresses(cde.rule());
            if (!CdeRules.coveredWildcards(admitted).isEmpty()) {
                continue; // PCI-CDE-INBOUND-ANY reports it
            }
            List<String> names = context.workloadsWithin(admitted).stream()
                    .filter(w -> !w.isCde())
                    .map(Workload::name)
                    .toList();
            if (!names.isEmpty()) {
                context.report(
                        cde.policy(),
                        cde.rule().span(),
                        cde.rule().label() + " admits non-CDE workloads into the CDE: " + String.join(", ", names));
            }
        }
    }
}
