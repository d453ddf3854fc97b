package org.pcisegment.kube.check.rules;

import java.util.List;
import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.kube.check.CheckContext;
import org.pcisegment.kube.check.PlacementRule;
import org.pcisegment.kube.model.PodShape;
import org.pcisegment.kube.model.Workload;

/** CDE pods do not publish ports on their node's address. */
@RuleInfo(
        id = "KUBE-CDE-HOST-PORT",
        requirement = "1.3.1",
        severity = Severity.ERROR,
        summary = "CDE containers must not use hostPort",
        rationale = "A hostPort is reachable on the node's address by anything that reaches the node, which many"
                + " network plugins do not subject to NetworkPolicy.",
        remediation = "Remove hostPort and expose the port through a ClusterIP Service with a NetworkPolicy.")
public final class CdeHostPortRule implements PlacementRule {
    @Override
    public void check(CheckContext context) {
        for (Workload workload : context.cluster().workloads()) {
            context.firstCdePod(workload, pod -> !hostPorts(pod).isEmpty())
                    .ifPresent(pod -> context.report(
                            workload.span(),
                            "CDE workload " + workload.id().display() + " publishes hostPort "
                                    + String.join(", ", hostPorts(pod)) + " on its node"));
        }
    }

    private static List<String> hostPorts(PodShape pod) {
        return pod.ports().stream()
                .flatMap(p -> p.hostPort().stream())
                .map(Object::toString)
                .toList();
    }
}
