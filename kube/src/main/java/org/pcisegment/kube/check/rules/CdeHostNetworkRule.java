package org.pcisegment.kube.check.rules;

import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.kube.check.CheckContext;
import org.pcisegment.kube.check.PlacementRule;
import org.pcisegment.kube.model.PodShape;
import org.pcisegment.kube.model.Workload;

/** CDE pods stay inside the pod network, where NetworkPolicy applies. */
@RuleInfo(
        id = "KUBE-CDE-HOST-NETWORK",
        requirement = "1.3.1",
        severity = Severity.ERROR,
        summary = "CDE pods must not use hostNetwork",
        rationale = "A pod on the host network uses the node's interfaces and addresses; NetworkPolicy does not"
                + " apply to it, so none of the CDE's segmentation covers it.",
        remediation = "Remove hostNetwork: true from the pod template.")
public final class CdeHostNetworkRule implements PlacementRule {
    @Override
    public void check(CheckContext context) {
        for (Workload workload : context.cluster().workloads()) {
            context.firstCdePod(workload, PodShape::hostNetwork)
                    .ifPresent(pod -> context.report(
                            workload.span(),
                            "CDE workload " + workload.id().display()
                                    + " uses hostNetwork, outside the reach of NetworkPolicy"));
        }
    }
}
