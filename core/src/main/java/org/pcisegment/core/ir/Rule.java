package org.pcisegment.core.ir;

import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.PrefixSet;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.policy.Direction;

/**
 * One compiled rule: for traffic in {@code direction} of the {@code subject} workload, with the
 * other end in {@code peer}, on {@code protocol} and a port in {@code ports}, do {@code action}.
 * Policies only allow (as in Kubernetes), so compiled rules are ALLOW; denial is the default of a
 * restricted direction, not a rule.
 */
public record Rule(
        Direction direction,
        Workload subject,
        PrefixSet peer,
        Protocol protocol,
        PortSet ports,
        Action action,
        RuleOrigin origin) {

    /** Whether the rule covers a flow whose other end is {@code peerAddress}. */
    public boolean matches(IpAddress peerAddress, Protocol flowProtocol, int port) {
        return protocol == flowProtocol && ports.contains(port) && peer.contains(peerAddress);
    }

    /** "ingress tcp 443 from 10.0.2.10/32 [cde-payment-api ingress[0] (file:18:7)]". */
    @Override
    public String toString() {
        return direction.sectionField()
                + " "
                + protocol.lowerName()
                + " "
                + ports
                + (direction == Direction.INGRESS ? " from " : " to ")
                + peer
                + " ["
                + origin
                + "]";
    }
}
