package org.pcisegment.core.pci.rules;

import java.util.Optional;
import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.pci.PciRule;
import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.core.pci.ValidationContext;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.core.policy.Policy;

/** Every CDE workload is selected by a policy that restricts its inbound traffic. */
@RuleInfo(
        id = "PCI-CDE-UNPROTECTED",
        requirement = "1.3.1",
        severity = Severity.ERROR,
        summary = "every CDE workload must have inbound traffic restricted",
        rationale = "A CDE workload that no ingress policy selects accepts traffic from anywhere; inbound"
                + " traffic to the CDE must be limited to what is necessary.",
        remediation = "Select the workload with a policy that has an 'ingress' section (or lists Ingress in"
                + " policyTypes).")
public final class UnprotectedCdeRule implements PciRule {
    @Override
    public void check(ValidationContext context) {
        for (Workload workload : Coverage.uncoveredWorkloads(context, Direction.INGRESS)) {
            context.report(
                    Optional.empty(),
                    workload.span(),
                    "CDE workload '"
                            + workload.name()
                            + "' is not selected by any policy that restricts ingress; it accepts traffic from"
                            + " anywhere");
        }
        if (!context.hasInventory()) {
            for (Policy policy : Coverage.uncoveredPolicies(context, Direction.INGRESS)) {
                context.report(
                        policy,
                        policy.span(),
                        "CDE policy does not restrict ingress, nor does any policy selecting the same or a broader"
                                + " set of workloads; inbound traffic to these CDE workloads is unrestricted");
            }
        }
    }
}
