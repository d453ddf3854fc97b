package org.pcisegment.kube.check.rules;

import java.util.List;
import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.kube.check.CheckContext;
import org.pcisegment.kube.check.PlacementRule;
import org.pcisegment.kube.model.Node;
import org.pcisegment.kube.model.PodShape;
import org.pcisegment.kube.model.Workload;

/** CDE pods run only on CDE nodes. */
@RuleInfo(
        id = "KUBE-CDE-POD-ON-SHARED-NODE",
        requirement = "2.2.3",
        severity = Severity.ERROR,
        summary = "CDE pods must be pinned to CDE nodes",
        rationale = "Pods on one node share its kernel and network: a CDE pod scheduled next to other pods puts"
                + " that node and everything on it into PCI scope, and any pod on the node can reach it.",
        remediation = "Give the pod template a nodeSelector (or a required node affinity) on the CDE node label,"
                + " and taint the CDE nodes so that only CDE pods tolerate them.")
public final class CdePodPlacementRule implements PlacementRule {
    @Override
    public void check(CheckContext context) {
        var label = context.options().cdeNodeLabel();
        List<Node> nodes = context.cluster().nodes();
        for (Workload workload : context.cluster().workloads()) {
            for (PodShape pod : workload.pods()) {
                if (!context.isCde(workload, pod)) {
                    continue;
                }
                if (nodes.isEmpty()) {
                    if (!pod.placement().requiresNodeLabel(label.key(), label.value())) {
                        context.report(
                                workload.span(),
                                "CDE workload " + workload.id().display() + " may be scheduled on any node: it has"
                                        + " no nodeSelector or required node affinity for " + label);
                        break;
                    }
                    continue;
                }
                List<String> shared = nodes.stream()
                        .filter(n -> !context.isCdeNode(n))
                        .filter(n -> pod.placement().canRunOn(n))
                        .map(Node::name)
                        .toList();
                if (!shared.isEmpty()) {
                    context.report(
                            workload.span(),
                            "CDE workload " + workload.id().display() + " may be scheduled on non-CDE node(s) "
                                    + String.join(", ", shared));
                    break;
                }
            }
        }
    }
}
