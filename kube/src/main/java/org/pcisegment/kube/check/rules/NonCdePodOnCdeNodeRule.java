package org.pcisegment.kube.check.rules;

import java.util.List;
import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.kube.check.CheckContext;
import org.pcisegment.kube.check.PlacementRule;
import org.pcisegment.kube.model.Node;
import org.pcisegment.kube.model.PodShape;
import org.pcisegment.kube.model.Workload;

/** Other pods stay off CDE nodes. */
@RuleInfo(
        id = "KUBE-NON-CDE-POD-ON-CDE-NODE",
        requirement = "2.2.3",
        severity = Severity.ERROR,
        summary = "pods outside the CDE must not tolerate the CDE taint or fit on CDE nodes",
        rationale = "A pod that can land on a CDE node shares that node with cardholder data workloads, which"
                + " brings it into PCI scope and lets it reach them past network policy.",
        remediation = "Remove the toleration of the CDE taint from pods outside the CDE; taint every CDE node.")
public final class NonCdePodOnCdeNodeRule implements PlacementRule {
    @Override
    public void check(CheckContext context) {
        var taint = context.options().cdeTaint();
        List<Node> cdeNodes =
                context.cluster().nodes().stream().filter(context::isCdeNode).toList();
        for (Workload workload : context.cluster().workloads()) {
            for (PodShape pod : workload.pods()) {
                if (context.isCde(workload, pod)) {
                    continue;
                }
                if (pod.placement().tolerates(taint)) {
                    context.report(
                            workload.span(),
                            "workload " + workload.id().display() + " is outside the CDE but tolerates the CDE taint "
                                    + taint);
                    break;
                }
                List<String> fits = cdeNodes.stream()
                        .filter(n -> pod.placement().canRunOn(n))
                        .map(Node::name)
                        .toList();
                if (!fits.isEmpty()) {
                    context.report(
                            workload.span(),
                            "workload " + workload.id().display() + " is outside the CDE but may be scheduled on CDE"
                                    + " node(s) " + String.join(", ", fits));
                    break;
                }
            }
        }
    }
}
