package org.pcisegment.kube.topology;

import java.util.List;
import org.pcisegment.core.source.SourceSpan;

/** A link A → B: A may open connections to B on {@code ports} (B's ports unless the link names some). */
public record Link(String from, String to, List<ComponentPort> ports, SourceSpan span) {

    public Link {
        ports = List.copyOf(ports);
    }
}
