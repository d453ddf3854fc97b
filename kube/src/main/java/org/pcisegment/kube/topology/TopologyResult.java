package org.pcisegment.kube.topology;

import java.util.List;
import org.pcisegment.core.pci.Finding;

/** What {@code kube topology} produces: the policies, the flows they allow, and refused exceptions. */
public record TopologyResult(
        StackTopology stack, List<TopologyPolicy> policies, List<Flow> flows, List<Finding> findings) {

    public TopologyResult {
        policies = List.copyOf(policies);
        flows = List.copyOf(flows);
        findings = List.copyOf(findings);
    }
}
