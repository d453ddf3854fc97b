package org.pcisegment.kube.check.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.kube.analysis.Connection;
import org.pcisegment.kube.analysis.Peer;
import org.pcisegment.kube.check.CheckContext;
import org.pcisegment.kube.check.PlacementRule;
import org.pcisegment.kube.model.Workload;

/** No CDE workload accepts connections from outside the cluster, except on ports reviewed to do so. */
@RuleInfo(
        id = "KUBE-CDE-REACHABLE-FROM-OUTSIDE",
        requirement = "1.3.1",
        severity = Severity.ERROR,
        summary = "CDE workloads must not accept connections from outside the cluster without port limits",
        rationale = "The policies let addresses outside the cluster open connections to this CDE workload;"
                + " inbound traffic to the CDE must be limited to what is necessary.",
        remediation = "Restrict the workload's ingress to the in-cluster peers that need it, or to named address"
                + " blocks and ports with a documented business need.")
public final class CdeReachableFromOutsideRule implements PlacementRule {
    @Override
    public void check(CheckContext context) {
        Map<Workload, List<Connection>> inbound = new LinkedHashMap<>();
        for (Connection connection : context.connectivity().connections()) {
            if (connection.source() instanceof Peer.ExternalPeer
                    && connection.destination() instanceof Peer.WorkloadPeer target
                    && context.isCde(target.workload())) {
                inbound.computeIfAbsent(target.workload(), w -> new ArrayList<>())
                        .add(connection);
            }
        }
        inbound.forEach((workload, connections) -> {
            boolean unlimited =
                    connections.stream().anyMatch(c -> c.connections().isAll());
            List<String> described = connections.stream()
                    .map(c -> c.source().display().replace("[External]", "") + " (" + c.connections() + ")")
                    .toList();
            context.report(
                    unlimited ? Severity.ERROR : Severity.WARNING,
                    workload.span(),
                    "CDE workload " + workload.id().display() + " is reachable from outside the cluster: "
                            + String.join(", ", described));
        });
    }
}
