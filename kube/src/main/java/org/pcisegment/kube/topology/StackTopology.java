package org.pcisegment.kube.topology;

import java.util.List;
import java.util.Optional;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.source.SourceSpan;

/**
 * A stack: components and the links between them, and the cluster's own address blocks (pod and
 * service networks), which never count as the internet.
 */
public record StackTopology(
        String name, List<Component> components, List<Link> links, List<Cidr> clusterNetworks, SourceSpan span) {

    public StackTopology {
        components = List.copyOf(components);
        links = List.copyOf(links);
        clusterNetworks = List.copyOf(clusterNetworks);
    }

    public Optional<Component> component(String componentName) {
        return components.stream().filter(c -> c.name().equals(componentName)).findFirst();
    }

    public List<Component> ofType(String type) {
        return components.stream().filter(c -> c.type().equals(type)).toList();
    }

    /** The namespaces of the stack, in the order components name them. */
    public List<String> namespaces() {
        return components.stream().map(Component::namespace).distinct().toList();
    }
}
