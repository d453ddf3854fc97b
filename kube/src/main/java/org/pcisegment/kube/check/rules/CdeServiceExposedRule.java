package org.pcisegment.kube.check.rules;

import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.kube.check.CheckContext;
import org.pcisegment.kube.check.PlacementRule;
import org.pcisegment.kube.model.PodShape;
import org.pcisegment.kube.model.Service;
import org.pcisegment.kube.model.Workload;

/** CDE services are not published on node ports or load balancers. */
@RuleInfo(
        id = "KUBE-CDE-SERVICE-EXPOSED",
        requirement = "1.4.2",
        severity = Severity.ERROR,
        summary = "CDE Services must not be of type NodePort or LoadBalancer",
        rationale = "NodePort and LoadBalancer services open the CDE pods to every network that reaches a node"
                + " or the load balancer, in front of the pods' NetworkPolicies.",
        remediation = "Use a ClusterIP Service behind an ingress gateway whose exposure is reviewed, and restrict"
                + " the gateway's sources.")
public final class CdeServiceExposedRule implements PlacementRule {
    @Override
    public void check(CheckContext context) {
        for (Service service : context.cluster().services()) {
            if (!service.isExposedOutsideCluster()) {
                continue;
            }
            boolean cde = context.isCdeNamespace(service.namespace());
            for (Workload workload : context.cluster().workloads()) {
                for (PodShape pod : workload.pods()) {
                    cde |= service.selects(workload.namespace(), pod.labels()) && context.isCde(workload, pod);
                }
            }
            if (cde) {
                context.report(
                        service.span(),
                        "Service " + service.namespace() + "/" + service.name() + " of type " + service.type()
                                + " exposes CDE pods outside the cluster");
            }
        }
    }
}
