package org.pcisegment.kube.generate;

import java.util.List;
import java.util.Map;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.Protocol;

/**
 * One rule of a workload's generated policy: the peers, either inventory workloads (selected by
 * their identity label) or address blocks outside the inventory, and what they may open, per
 * protocol. Every port of every protocol writes as no port list at all.
 */
public record HostRule(List<String> workloads, List<Cidr> outside, Map<Protocol, PortSet> services) {

    public HostRule {
        workloads = List.copyOf(workloads);
        outside = List.copyOf(outside);
        services = Map.copyOf(services);
    }

    public boolean allServices() {
        return services.size() == Protocol.values().length
                && services.values().stream().allMatch(PortSet::isAll);
    }
}
