package org.pcisegment.kube.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.source.SourceSpan;

/** A Service: its type decides whether it is reachable from outside the cluster. */
public record Service(
        String namespace, String name, String type, Map<String, String> selector, List<Port> ports, SourceSpan span) {

    /** One service port. */
    public record Port(Optional<String> name, int port, Protocol protocol, Optional<Integer> nodePort) {}

    public Service {
        selector = Collections.unmodifiableMap(new LinkedHashMap<>(selector));
        ports = List.copyOf(ports);
    }

    /** NodePort and LoadBalancer services open a port on every node (and a cloud load balancer). */
    public boolean isExposedOutsideCluster() {
        return type.equals("NodePort") || type.equals("LoadBalancer");
    }

    /** Whether this service sends traffic to pods with these labels (in its namespace). */
    public boolean selects(String podNamespace, Map<String, String> podLabels) {
        if (!podNamespace.equals(namespace) || selector.isEmpty()) {
            return false;
        }
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(podLabels.get(e.getKey())));
    }
}
