package org.pcisegment.kube.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pcisegment.core.source.SourceSpan;

/** A cluster node with its labels and taints. */
public record Node(String name, Map<String, String> labels, List<Taint> taints, SourceSpan span) {

    public Node {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        taints = List.copyOf(taints);
    }
}
