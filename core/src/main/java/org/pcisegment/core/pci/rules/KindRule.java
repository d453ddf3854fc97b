package org.pcisegment.core.pci.rules;

import java.util.List;
import org.pcisegment.core.load.InventoryParser;
import org.pcisegment.core.pci.PciRule;
import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.core.pci.ValidationContext;
import org.pcisegment.core.policy.Policy;
import org.pcisegment.core.source.Suggestions;

/** The document must be a NetworkPolicy (or an Inventory, which the loader handles). */
@RuleInfo(
        id = "PCI-SCHEMA-KIND",
        requirement = "1.2.1",
        severity = Severity.ERROR,
        summary = "kind must be NetworkPolicy",
        rationale = "Only NetworkPolicy documents define network security controls.",
        remediation = "Set 'kind: NetworkPolicy' (or 'kind: Inventory' for an inventory).")
public final class KindRule implements PciRule {
    @Override
    public void check(ValidationContext context) {
        for (Policy policy : context.policies()) {
            String kind = policy.kind().value();
            if (kind.isEmpty()) {
                context.report(policy, policy.span(), "missing kind; expected 'NetworkPolicy'");
            } else if (!kind.equals(Policy.KIND)) {
                context.report(
                        policy,
                        policy.kind().span(),
                        "kind '"
                                + kind
                                + "' is not supported"
                                + Suggestions.hint(kind, List.of(Policy.KIND, InventoryParser.KIND))
                                + "; expected 'NetworkPolicy'");
            }
        }
    }
}
