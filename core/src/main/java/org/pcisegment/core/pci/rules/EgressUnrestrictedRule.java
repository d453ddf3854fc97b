package org.pcisegment.core.pci.rules;

import java.util.Optional;
import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.ir.PolicyResolver;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.pci.PciRule;
import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.core.pci.ValidationContext;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.core.policy.Peer;
import org.pcisegment.core.policy.Policy;

/** CDE egress is restricted: some policy limits it, and no rule sends to every address. */
@RuleInfo(
        id = "PCI-CDE-EGRESS-UNRESTRICTED",
        requirement = "1.3.2",
        severity = Severity.ERROR,
        summary = "CDE egress must be restricted and never to 0.0.0.0/0, ::/0 or any destination",
        rationale = "Outbound traffic from the CDE must be limited to what is necessary; unrestricted egress"
                + " lets a compromised CDE system send cardholder data anywhere.",
        remediation =
                "Add an 'egress' section that lists the destinations the CDE needs ('egress: []' denies" + " all).")
public final class EgressUnrestrictedRule implements PciRule {
    private static final String VIOLATION = " (PCI-DSS Req 1.3.2 violation)";

    @Override
    public void check(ValidationContext context) {
        for (Workload workload : Coverage.uncoveredWorkloads(context, Direction.EGRESS)) {
            context.report(
                    Optional.empty(),
                    workload.span(),
                    "CDE workload '"
                            + workload.name()
                            + "' is not selected by any policy that restricts egress; it can send anywhere"
                            + VIOLATION);
        }
        if (!context.hasInventory()) {
            for (Policy policy : Coverage.uncoveredPolicies(context, Direction.EGRESS)) {
                context.report(
                        policy,
                        policy.span(),
                        "CDE policy does not restrict egress, nor does any policy selecting the same or a broader"
                                + " set of workloads; add an 'egress' section"
                                + VIOLATION);
            }
        }
        for (CdeRules.CdeRule cde : CdeRules.rules(context, Direction.EGRESS)) {
            if (cde.rule().allowsAllPeers()) {
                context.report(
                        cde.policy(),
                        cde.rule().span(),
                        "CDE policy cannot allow egress to any destination: "
                                + cde.rule().label()
                                + " has no 'to'"
                                + VIOLATION);
                continue;
            }
            boolean reported = false;
            for (Peer peer : cde.rule().peers()) {
                if (peer instanceof Peer.IpBlock block) {
                    Optional<Cidr> cidr = PolicyResolver.cidr(block.cidr());
                    if (cidr.isPresent() && cidr.get().prefixLength() == 0) {
                        context.report(
                                cde.policy(),
                                block.cidr().span(),
                                "CDE policy cannot allow egress to "
                                        + cidr.get().canonical() + VIOLATION);
                        reported = true;
                    }
                }
            }
            if (!reported) {
                for (String wildcard :
                        CdeRules.coveredWildcards(context.resolver().addresses(cde.rule()))) {
                    context.report(
                            cde.policy(),
                            cde.rule().span(),
                            "CDE policy cannot allow egress to "
                                    + wildcard
                                    + ": the peers of "
                                    + cde.rule().label()
                                    + " together cover it"
                                    + VIOLATION);
                }
            }
        }
    }
}
