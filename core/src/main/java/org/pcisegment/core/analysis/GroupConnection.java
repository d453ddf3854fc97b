package org.pcisegment.core.analysis;

import java.util.Map;
import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.Protocol;

/** What is open from one zone group to another, summed over their zone pairs. */
public record GroupConnection(ZoneGroup from, ZoneGroup to, Map<Protocol, PortSet> services, int zonePairs) {
    public GroupConnection {
        services = Map.copyOf(services);
    }
}
