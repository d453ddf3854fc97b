package org.pcisegment.kube.check.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.kube.check.CheckContext;
import org.pcisegment.kube.check.PlacementRule;
import org.pcisegment.kube.model.ContainerFacts;
import org.pcisegment.kube.model.PodShape;
import org.pcisegment.kube.model.Workload;

/** CDE containers cannot change the network they are confined by. */
@RuleInfo(
        id = "KUBE-CDE-PRIVILEGED",
        requirement = "2.2.6",
        severity = Severity.ERROR,
        summary = "CDE containers must not be privileged or hold NET_ADMIN",
        rationale = "A privileged container, or one with NET_ADMIN (also granted by SYS_ADMIN and ALL), can"
                + " rewrite the node's routing and filtering and so undo the CDE's segmentation.",
        remediation = "Drop privileged: true and the NET_ADMIN, SYS_ADMIN or ALL capability from the container's"
                + " securityContext.")
public final class CdePrivilegedContainerRule implements PlacementRule {
    private static final Set<String> NETWORK_CAPABILITIES = Set.of("NET_ADMIN", "SYS_ADMIN", "ALL");

    @Override
    public void check(CheckContext context) {
        for (Workload workload : context.cluster().workloads()) {
            context.firstCdePod(workload, pod -> !problems(pod).isEmpty())
                    .ifPresent(pod -> context.report(
                            workload.span(),
                            "CDE workload " + workload.id().display() + ": " + String.join("; ", problems(pod))));
        }
    }

    private static List<String> problems(PodShape pod) {
        List<String> problems = new ArrayList<>();
        for (ContainerFacts container : pod.containers()) {
            if (container.privileged()) {
                problems.add(container.name() + " is privileged");
            }
            container.addedCapabilities().stream()
                    .filter(c -> NETWORK_CAPABILITIES.contains(c.toUpperCase(Locale.ROOT)))
                    .sorted()
                    .forEach(c -> problems.add(container.name() + " adds " + c));
        }
        return problems;
    }
}
