package org.pcisegment.enforce.ebpf;

import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.PrefixSet;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.policy.Direction;

/**
 * Access the data plane grants regardless of policy so that the operator cannot lock themselves
 * out: INGRESS lets {@code peers} open connections to local {@code ports} (SSH from an admin
 * network), EGRESS lets local workloads reach {@code ports} of {@code peers}. Both directions of
 * such a session pass, on every enforced workload.
 */
public record ManagementAccess(Direction direction, PrefixSet peers, Protocol protocol, PortSet ports) {

    /** "management ingress tcp 22 from 10.0.0.0/8". */
    @Override
    public String toString() {
        return "management " + direction.sectionField() + " " + protocol.lowerName() + " " + ports
                + (direction == Direction.INGRESS ? " from " : " to ") + peers;
    }
}
