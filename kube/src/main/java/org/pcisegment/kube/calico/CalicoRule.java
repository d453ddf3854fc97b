package org.pcisegment.kube.calico;

import java.util.EnumSet;
import java.util.Set;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.core.source.SourceSpan;

/**
 * One Calico rule. The protocols are the modelled ones (TCP, UDP, SCTP) the rule can match after
 * its protocol and notProtocol fields; a rule for ICMP matches none of them.
 */
public record CalicoRule(
        Direction direction,
        int index,
        Action action,
        Set<Protocol> protocols,
        EntityMatch source,
        EntityMatch destination,
        SourceSpan span) {

    /** What a matching rule does. */
    public enum Action {
        Allow,
        Deny,
        Pass,
        Log
    }

    public CalicoRule {
        protocols = protocols.isEmpty() ? EnumSet.noneOf(Protocol.class) : EnumSet.copyOf(protocols);
    }

    /** The side of the rule that describes the peer: the source for ingress, the destination for egress. */
    public EntityMatch peer() {
        return direction == Direction.INGRESS ? source : destination;
    }

    /** The side that describes the policy's own endpoint. */
    public EntityMatch local() {
        return direction == Direction.INGRESS ? destination : source;
    }
}
