package org.pcisegment.kube.check.rules;

import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.kube.check.CheckContext;
import org.pcisegment.kube.check.PlacementRule;
import org.pcisegment.kube.model.ClusterNamespace;

/** Every CDE namespace denies outbound traffic by default. */
@RuleInfo(
        id = "KUBE-CDE-NS-NO-DEFAULT-DENY-EGRESS",
        requirement = "1.3.2",
        severity = Severity.ERROR,
        summary = "CDE namespaces must deny egress by default",
        rationale = "Without a namespace-wide default-deny, CDE pods may open connections anywhere, which lets"
                + " cardholder data leave the CDE.",
        remediation = "Add a NetworkPolicy with podSelector: {}, policyTypes: [Egress] and no egress rules.")
public final class CdeNamespaceEgressDefaultDenyRule implements PlacementRule {
    @Override
    public void check(CheckContext context) {
        for (ClusterNamespace namespace : context.cdeNamespaces()) {
            if (!DefaultDeny.present(context, namespace, Direction.EGRESS)) {
                context.report(
                        namespace.span(), "CDE namespace " + namespace.name() + " has no default-deny egress policy");
            }
        }
    }
}
