package org.pcisegment.kube.check.rules;

import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.kube.check.CheckContext;
import org.pcisegment.kube.check.PlacementRule;
import org.pcisegment.kube.model.Node;
import org.pcisegment.kube.model.Taint;

/** CDE nodes repel every pod that does not tolerate the CDE taint. */
@RuleInfo(
        id = "KUBE-CDE-NODE-UNTAINTED",
        requirement = "2.2.3",
        severity = Severity.ERROR,
        summary = "CDE nodes must carry the CDE taint",
        rationale = "A nodeSelector keeps CDE pods on CDE nodes but not other pods off them; only a taint does.",
        remediation = "kubectl taint nodes NODE KEY=VALUE:NoSchedule with the CDE taint.")
public final class CdeNodeUntaintedRule implements PlacementRule {
    @Override
    public void check(CheckContext context) {
        Taint wanted = context.options().cdeTaint();
        for (Node node : context.cluster().nodes()) {
            boolean tainted = node.taints().stream()
                    .anyMatch(t -> t.repels()
                            && t.key().equals(wanted.key())
                            && t.value().equals(wanted.value()));
            if (context.isCdeNode(node) && !tainted) {
                context.report(
                        node.span(),
                        "CDE node " + node.name() + " has no " + wanted.key() + "=" + wanted.value()
                                + " taint with effect NoSchedule or NoExecute; any pod may be scheduled on it");
            }
        }
    }
}
