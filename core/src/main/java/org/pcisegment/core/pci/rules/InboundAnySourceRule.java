package org.pcisegment.core.pci.rules;

import java.util.List;
import java.util.Optional;
import org.pcisegment.core.ir.PolicyResolver;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.pci.PciRule;
import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.core.pci.ValidationContext;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.core.policy.Located;
import org.pcisegment.core.policy.Peer;

/** Nothing may open the CDE to every address: no 0.0.0.0/0, no ::/0, no rule without sources. */
@RuleInfo(
        id = "PCI-CDE-INBOUND-ANY",
        requirement = "1.3.1",
        severity = Severity.ERROR,
        summary = "CDE ingress must not allow 0.0.0.0/0, ::/0 or any source",
        rationale = "Inbound traffic to the CDE must be restricted to what is necessary; a wildcard source"
                + " admits the whole internet.",
        remediation = "List the specific source networks or workloads that need access.")
public final class InboundAnySourceRule implements PciRule {
    static final String VIOLATION = " (PCI-DSS Req 1.3 violation)";

    @Override
    public void check(ValidationContext context) {
        for (CdeRules.CdeRule cde : CdeRules.rules(context, Direction.INGRESS)) {
            if (cde.rule().allowsAllPeers()) {
                context.report(
                        cde.policy(),
                        cde.rule().span(),
                        "CDE policy cannot allow access from any source: "
                                + cde.rule().label()
                                + " has no 'from'"
                                + VIOLATION);
                continue;
            }
            boolean reported = false;
            for (Peer peer : cde.rule().peers()) {
                if (peer instanceof Peer.IpBlock block) {
                    Optional<Cidr> cidr = PolicyResolver.cidr(block.cidr());
                    if (cidr.isPresent() && cidr.get().prefixLength() == 0) {
                        String excepted = block.except().isEmpty()
                                ? ""
                                : " (except "
                                        + String.join(
                                                ", ",
                                                block.except().stream()
                                                        .map(Located::value)
                                                        .toList())
                                        + ")";
                        context.report(
                                cde.policy(),
                                block.cidr().span(),
                                "CDE policy cannot allow access from "
                                        + cidr.get().canonical() + excepted + VIOLATION);
                        reported = true;
                    }
                }
            }
            if (!reported) {
                List<String> wildcards =
                        CdeRules.coveredWildcards(context.resolver().addresses(cde.rule()));
                for (String wildcard : wildcards) {
                    context.report(
                            cde.policy(),
                            cde.rule().span(),
                            "CDE policy cannot allow access from "
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
