package org.pcisegment.core.pci.rules;

import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.pci.PciRule;
import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.core.pci.ValidationContext;
import org.pcisegment.core.policy.Located;

/** Every ipBlock cidr and except is a valid IPv4 or IPv6 CIDR block. */
@RuleInfo(
        id = "PCI-SCHEMA-CIDR",
        requirement = "1.2.1",
        severity = Severity.ERROR,
        summary = "ipBlock cidr and except values must be valid CIDR blocks",
        rationale = "A malformed address block cannot be enforced as its author intended.",
        remediation = "Write the block as address/length, e.g. 10.0.1.0/24 or 2001:db8::/64.")
public final class CidrSyntaxRule implements PciRule {
    @Override
    public void check(ValidationContext context) {
        PolicyWalk.ipBlocks(context.policies(), (policy, rule, block) -> {
            report(context, policy, block.cidr(), "cidr");
            block.except().forEach(e -> report(context, policy, e, "except"));
        });
    }

    private static void report(
            ValidationContext context, org.pcisegment.core.policy.Policy policy, Located<String> value, String field) {
        if (Cidr.parse(value.value(), false) instanceof Cidr.Invalid invalid) {
            context.report(policy, value.span(), "invalid ipBlock " + field + ": " + invalid.reason());
        }
    }
}
