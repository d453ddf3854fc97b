package org.pcisegment.core.analysis;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.pcisegment.core.net.IpFamily;
import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.PrefixSet;
import org.pcisegment.core.net.Protocol;

/** What is open from one zone to another: its openings, SCTP then TCP then UDP. */
public record Connection(Zone from, Zone to, List<Opening> openings) {

    public Connection {
        openings = List.copyOf(openings);
    }

    /** Into, out of or within the CDE. */
    public boolean touchesCde() {
        return from.isCde() || to.isCde();
    }

    public boolean intoCde() {
        return to.isCde();
    }

    public boolean fromOutside() {
        return from.isOutside();
    }

    /** The ports open per protocol for at least one address pair. */
    public Map<Protocol, PortSet> services() {
        Map<Protocol, List<PortSet>> open = new EnumMap<>(Protocol.class);
        for (Opening opening : openings) {
            open.computeIfAbsent(opening.protocol(), p -> new ArrayList<>()).add(opening.ports());
        }
        Map<Protocol, PortSet> services = new EnumMap<>(Protocol.class);
        open.forEach((protocol, ports) -> services.put(protocol, PortSet.unionAll(ports)));
        return services;
    }

    /** Whether an opening covers only part of a zone's addresses (of its family). */
    public boolean isPartial(Opening opening) {
        return !covers(from, opening.from()) || !covers(to, opening.to());
    }

    static boolean covers(Zone zone, PrefixSet part) {
        for (IpFamily family : IpFamily.values()) {
            if (part.hasFamily(family) && !part.containsAll(zone.addresses().only(family))) {
                return false;
            }
        }
        return true;
    }
}
