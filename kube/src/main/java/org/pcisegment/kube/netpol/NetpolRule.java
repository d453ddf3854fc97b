package org.pcisegment.kube.netpol;

import java.util.List;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.core.source.SourceSpan;

/**
 * One ingress or egress rule. An empty (or missing) peer list admits every peer, an empty (or
 * missing) port list every port.
 */
public record NetpolRule(
        Direction direction, int index, List<NetpolPeer> peers, List<NetpolPort> ports, SourceSpan span) {

    public NetpolRule {
        peers = List.copyOf(peers);
        ports = List.copyOf(ports);
    }
}
