package org.pcisegment.cloud;

import java.util.List;
import java.util.Set;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.net.PortRange;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.core.policy.LabelSelector;

/**
 * What one policy asks of the cloud, before any provider's syntax: the instances it selects (by
 * label selector over instance tags), the directions it restricts, and every allowed (direction,
 * protocol, port range, CIDR block) with the policy rule it comes from.
 *
 * @param notes what could not be expressed or is worth knowing ("egress: empty list, nothing allowed")
 */
public record PolicyIntent(
        String policy, LabelSelector selector, Set<Direction> restricted, List<Allow> allows, List<String> notes) {

    public PolicyIntent {
        restricted = Set.copyOf(restricted);
        allows = List.copyOf(allows);
        notes = List.copyOf(notes);
    }

    /** One allowed flow shape; {@code ports} 1-65535 means every port. */
    public record Allow(Direction direction, Protocol protocol, PortRange ports, Cidr peer, String origin) {
        public boolean allPorts() {
            return ports.first() <= 1 && ports.last() == 65535;
        }
    }
}
