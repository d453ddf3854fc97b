package org.pcisegment.core.pci.rules;

import java.util.Optional;
import org.pcisegment.core.ir.PolicyResolver;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.pci.PciRule;
import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.core.pci.ValidationContext;
import org.pcisegment.core.policy.Located;

/** Each except block lies strictly inside its ipBlock's cidr, as Kubernetes requires. */
@RuleInfo(
        id = "PCI-SCHEMA-EXCEPT",
        requirement = "1.2.1",
        severity = Severity.ERROR,
        summary = "ipBlock except blocks must lie inside the cidr",
        rationale = "An exception outside its block excludes nothing: the author believes addresses are"
                + " excluded that are in fact allowed.",
        remediation = "Move the except block inside the cidr, or widen the cidr deliberately.")
public final class ExceptWithinCidrRule implements PciRule {
    @Override
    public void check(ValidationContext context) {
        PolicyWalk.ipBlocks(context.policies(), (policy, rule, block) -> {
            Optional<Cidr> cidr = PolicyResolver.cidr(block.cidr());
            if (cidr.isEmpty()) {
                return;
            }
            for (Located<String> except : block.except()) {
                Optional<Cidr> cut = PolicyResolver.cidr(except);
                if (cut.isEmpty()) {
                    continue;
                }
                boolean strictlyInside = cidr.get().contains(cut.get())
                        && cut.get().prefixLength() > cidr.get().prefixLength();
                if (!strictlyInside) {
                    context.report(
                            policy,
                            except.span(),
                            "except "
                                    + except.value()
                                    + " is not inside cidr "
                                    + block.cidr().value()
                                    + "; it excludes nothing");
                }
            }
        });
    }
}
