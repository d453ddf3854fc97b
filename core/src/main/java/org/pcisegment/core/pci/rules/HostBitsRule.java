package org.pcisegment.core.pci.rules;

import java.util.Optional;
import org.pcisegment.core.ir.PolicyResolver;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.pci.PciRule;
import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.core.pci.ValidationContext;
import org.pcisegment.core.policy.Located;
import org.pcisegment.core.policy.Policy;

/** A CIDR with host bits set (10.0.1.5/24) covers more than the address it seems to name. */
@RuleInfo(
        id = "PCI-SCHEMA-HOST-BITS",
        requirement = "1.2.1",
        severity = Severity.WARNING,
        summary = "CIDR blocks should not have host bits set",
        rationale = "10.0.1.5/24 covers the whole 10.0.1.0/24 network; writing a host address with a short"
                + " prefix usually opens far more than intended.",
        remediation = "Write the network address (10.0.1.0/24) or the host as /32 (/128).")
public final class HostBitsRule implements PciRule {
    @Override
    public void check(ValidationContext context) {
        PolicyWalk.ipBlocks(context.policies(), (policy, rule, block) -> {
            report(context, policy, block.cidr());
            block.except().forEach(e -> report(context, policy, e));
        });
    }

    private static void report(ValidationContext context, Policy policy, Located<String> value) {
        Optional<Cidr> cidr = PolicyResolver.cidr(value);
        if (cidr.isPresent() && cidr.get().hasHostBits()) {
            context.report(
                    policy,
                    value.span(),
                    value.value()
                            + " has host bits set; it covers all of "
                            + cidr.get().canonical()
                            + " ("
                            + (cidr.get().family().bits() - cidr.get().prefixLength())
                            + " host bits)");
        }
    }
}
