package org.pcisegment.kube.model;

import java.util.List;
import org.pcisegment.core.source.SourceSpan;

/** A workload and its pods (one shape per listed pod, or the controller's pod template). */
public record Workload(WorkloadId id, List<PodShape> pods, SourceSpan span) {

    public Workload {
        pods = List.copyOf(pods);
    }

    public String namespace() {
        return id.namespace();
    }
}
