package org.pcisegment.kube.topology;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pcisegment.core.source.SourceSpan;

/**
 * One component of a stack: its type (which exceptions apply), namespace, the labels its pods
 * carry, the ports it serves, and whether it is part of the CDE.
 */
public record Component(
        String name,
        String type,
        String namespace,
        Map<String, String> labels,
        List<ComponentPort> ports,
        boolean cde,
        SourceSpan span) {

    public Component {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        ports = List.copyOf(ports);
    }
}
