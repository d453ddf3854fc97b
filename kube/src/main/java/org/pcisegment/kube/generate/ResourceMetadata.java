package org.pcisegment.kube.generate;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.Optional;

/** Kubernetes object metadata for the Calico and Cilium resources we write. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ResourceMetadata(
        String name, Optional<String> namespace, Map<String, String> labels, Map<String, String> annotations) {
    public ResourceMetadata {
        namespace = Absent.optional(namespace);
        labels = Absent.map(labels);
        annotations = Absent.map(annotations);
    }
}
