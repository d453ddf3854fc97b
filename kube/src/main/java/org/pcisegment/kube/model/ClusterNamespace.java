package org.pcisegment.kube.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pcisegment.core.source.SourceSpan;

/**
 * A namespace and its labels, including {@code kubernetes.io/metadata.name} which Kubernetes sets
 * on every namespace. {@code declared} is false for namespaces only referred to by other resources.
 */
public record ClusterNamespace(String name, Map<String, String> labels, boolean declared, SourceSpan span) {

    public static final String NAME_LABEL = "kubernetes.io/metadata.name";

    /** Namespace of resources that name none. */
    public static final String DEFAULT = "default";

    public ClusterNamespace {
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.put(NAME_LABEL, name);
        labels = Collections.unmodifiableMap(all);
    }
}
