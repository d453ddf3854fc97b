package org.pcisegment.kube.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pcisegment.core.source.SourceSpan;

/**
 * One pod of a workload, or the pod template of a controller, reduced to what analysis and checks
 * look at: labels, declared ports, placement, host networking and container privileges.
 */
public record PodShape(
        String name,
        Map<String, String> labels,
        List<ContainerPort> ports,
        Placement placement,
        boolean hostNetwork,
        List<ContainerFacts> containers,
        SourceSpan span) {

    public PodShape {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        ports = List.copyOf(ports);
        containers = List.copyOf(containers);
    }

    /** What makes two pods indistinguishable to a NetworkPolicy: labels and named ports. */
    public Object connectivityKey() {
        return List.of(labels, ports);
    }
}
