package org.pcisegment.core.policy;

import java.util.List;
import org.pcisegment.core.source.SourceSpan;

/**
 * One ingress or egress rule. An empty peer list means every peer and an empty port list every
 * port, as in Kubernetes.
 */
public record PolicyRule(Direction direction, int index, List<Peer> peers, List<PortSpec> ports, SourceSpan span) {

    public PolicyRule {
        peers = List.copyOf(peers);
        ports = List.copyOf(ports);
    }

    public boolean allowsAllPeers() {
        return peers.isEmpty();
    }

    public boolean allowsAllPorts() {
        return ports.isEmpty();
    }

    /** "ingress[0]", for messages. */
    public String label() {
        return direction.sectionField() + "[" + index + "]";
    }
}
