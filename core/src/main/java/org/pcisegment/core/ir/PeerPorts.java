package org.pcisegment.core.ir;

import java.util.List;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.net.IpRange;
import org.pcisegment.core.net.PortSet;

/**
 * Peer addresses and the ports a direction of one workload admits for them (one protocol). Lists
 * of these are disjoint and ascending: the shape nftables interval sets and eBPF LPM maps take.
 */
public record PeerPorts(IpRange range, PortSet ports) {

    /** The range as the fewest CIDR blocks, for LPM maps and nftables prefixes. */
    public List<Cidr> cidrs() {
        return range.toCidrs();
    }
}
