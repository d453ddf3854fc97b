package org.pcisegment.core.pci.rules;

import org.pcisegment.core.net.PrefixSet;
import org.pcisegment.core.pci.PciRule;
import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.core.pci.ValidationContext;
import org.pcisegment.core.policy.Direction;

/** CDE ingress from public address space (untrusted networks) is named so it can be reviewed. */
@RuleInfo(
        id = "PCI-CDE-INBOUND-UNTRUSTED",
        requirement = "1.4.2",
        severity = Severity.WARNING,
        summary = "CDE ingress from untrusted (public) networks must be restricted",
        rationale = "Inbound traffic from untrusted networks may only reach components that provide"
                + " authorised public services, and never components that store cardholder data.",
        remediation = "Terminate public traffic in a DMZ outside the CDE, or list the partner networks"
                + " exactly and justify them.")
public final class InboundUntrustedRule implements PciRule {
    @Override
    public void check(ValidationContext context) {
        for (CdeRules.CdeRule cde : CdeRules.rules(context, Direction.INGRESS)) {
            PrefixSet admitted = context.resolver().addresses(cde.rule());
            if (!CdeRules.coveredWildcards(admitted).isEmpty()) {
                continue; // PCI-CDE-INBOUND-ANY reports it
            }
            PrefixSet untrusted = admitted.minus(CdeRules.NON_PUBLIC)
                    .minus(context.inventory().allAddresses());
            if (!untrusted.isEmpty()) {
                context.report(
                        cde.policy(),
                        cde.rule().span(),
                        cde.rule().label()
                                + " admits addresses from untrusted public networks into the CDE: "
                                + untrusted);
            }
        }
    }
}
