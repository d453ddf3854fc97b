package org.pcisegment.kube.check.rules;

import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.kube.check.CheckContext;
import org.pcisegment.kube.check.PlacementRule;
import org.pcisegment.kube.model.ClusterNamespace;

/** Every CDE namespace denies inbound traffic by default. */
@RuleInfo(
        id = "KUBE-CDE-NS-NO-DEFAULT-DENY-INGRESS",
        requirement = "1.3.1",
        severity = Severity.ERROR,
        summary = "CDE namespaces must deny ingress by default",
        rationale = "Without a namespace-wide default-deny, a pod added to the namespace later, or one no policy"
                + " selects, accepts traffic from anywhere.",
        remediation = "Add a NetworkPolicy with podSelector: {}, policyTypes: [Ingress] and no ingress rules.")
public final class CdeNamespaceIngressDefaultDenyRule implements PlacementRule {
    @Override
    public void check(CheckContext context) {
        for (ClusterNamespace namespace : context.cdeNamespaces()) {
            if (!DefaultDeny.present(context, namespace, Direction.INGRESS)) {
                context.report(
                        namespace.span(), "CDE namespace " + namespace.name() + " has no default-deny ingress policy");
            }
        }
    }
}
