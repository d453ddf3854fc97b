package org.pcisegment.core.analysis.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.pcisegment.core.analysis.Connection;
import org.pcisegment.core.analysis.Opening;
import org.pcisegment.core.analysis.Zone;
import org.pcisegment.core.inventory.Inventory;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.IpFamily;
import org.pcisegment.core.net.IpRange;
import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.PrefixSet;
import org.pcisegment.core.net.Protocol;

/** The words every analysis format shares: services, address sets, openings. */
public final class Describe {
    private Describe() {}

    /** "TCP 443,8443", "UDP all ports". */
    public static String service(Protocol protocol, PortSet ports) {
        return protocol.name() + " " + (ports.isAll() ? "all ports" : ports.toString());
    }

    /** "TCP 443; UDP 53" for a protocol-to-ports map. */
    public static String services(Map<Protocol, PortSet> services) {
        List<String> parts = new ArrayList<>();
        for (Protocol protocol : Protocol.values()) {
            PortSet ports = services.get(protocol);
            if (ports != null && !ports.isEmpty()) {
                parts.add(service(protocol, ports));
            }
        }
        return String.join("; ", parts);
    }

    /** A block as written by people: a bare address for a single host. */
    public static String cidr(Cidr cidr) {
        return cidr.prefixLength() == cidr.family().bits() ? cidr.network().toString() : cidr.canonical();
    }

    /**
     * The blocks describing part of a zone. For the outside zone the blocks are widened over
     * inventory addresses ("10.0.20.0/24" rather than the 8 blocks around a monitoring host in
     * it): read them as "these blocks, minus inventory addresses".
     */
    public static List<String> blocks(Zone zone, PrefixSet part, Inventory inventory) {
        List<String> blocks = new ArrayList<>();
        if (!zone.isOutside()) {
            for (Cidr cidr : part.toCidrs()) {
                blocks.add(cidr(cidr));
            }
            return blocks;
        }
        // Only the widened ranges holding part of the zone are cut into blocks (the rest of the
        // inventory is most of the union); both lists ascend, IPv4 first, so one pass filters the
        // blocks of those ranges.
        List<IpRange> parts = part.ranges();
        List<Cidr> candidates = new ArrayList<>();
        for (IpRange range : part.union(inventory.allAddresses()).rangesOverlapping(part)) {
            candidates.addAll(range.toCidrs());
        }
        int next = 0;
        for (Cidr cidr : candidates) {
            IpAddress first = cidr.network();
            while (next < parts.size() && parts.get(next).last().compareTo(first) < 0) {
                next++;
            }
            if (next < parts.size() && parts.get(next).first().compareTo(cidr.last()) <= 0) {
                blocks.add(cidr(cidr));
            }
        }
        return blocks;
    }

    /** The part of a zone an opening covers, or null when it is all of the zone's addresses of its family. */
    static @Nullable String part(Zone zone, PrefixSet part, Inventory inventory) {
        for (IpFamily family : IpFamily.values()) {
            if (part.hasFamily(family) && part.equals(zone.addresses().only(family))) {
                return null;
            }
        }
        return String.join(",", blocks(zone, part, inventory));
    }

    /**
     * One opening on its own: "TCP 5432", "TCP 9090 from 10.0.20.0/24", "TCP 5432 (IPv4 only)"
     * when it covers whole zones in one family of two both zones have.
     */
    public static String opening(Zone from, Zone to, Opening opening, Inventory inventory) {
        String fromPart = part(from, opening.from(), inventory);
        String toPart = part(to, opening.to(), inventory);
        StringBuilder line = new StringBuilder(service(opening.protocol(), opening.ports()));
        if (fromPart != null) {
            line.append(" from ").append(fromPart);
        }
        if (toPart != null) {
            line.append(" to ").append(toPart);
        }
        if (fromPart == null && toPart == null && sharedFamilies(from, to).size() > 1) {
            line.append(family(opening) == IpFamily.V4 ? " (IPv4 only)" : " (IPv6 only)");
        }
        return line.toString();
    }

    /** The families both zones have addresses in (the outside has both). */
    private static List<IpFamily> sharedFamilies(Zone from, Zone to) {
        List<IpFamily> shared = new ArrayList<>();
        for (IpFamily family : IpFamily.values()) {
            if (from.addresses().hasFamily(family) && to.addresses().hasFamily(family)) {
                shared.add(family);
            }
        }
        return shared;
    }

    /**
     * One line per distinct opening of a connection: "TCP 443", "TCP 9090 from 10.0.20.0/24",
     * "TCP 5432 (IPv4 only)" when a family both zones have is left out; "all traffic" when every
     * port of every protocol is open between all addresses of both.
     */
    public static List<String> openings(Connection connection, Inventory inventory) {
        record Service(Protocol protocol, PortSet ports) {}
        List<IpFamily> shared = sharedFamilies(connection.from(), connection.to());
        Map<Service, List<IpFamily>> whole = new LinkedHashMap<>();
        Map<Object, String> lines = new LinkedHashMap<>();
        for (Opening opening : connection.openings()) {
            String from = part(connection.from(), opening.from(), inventory);
            String to = part(connection.to(), opening.to(), inventory);
            if (from == null && to == null) {
                Service service = new Service(opening.protocol(), opening.ports());
                whole.computeIfAbsent(service, k -> new ArrayList<>()).add(family(opening));
                lines.putIfAbsent(service, "");
            } else {
                lines.put(opening, opening(connection.from(), connection.to(), opening, inventory));
            }
        }
        boolean everything = lines.size() == Protocol.values().length;
        List<String> result = new ArrayList<>();
        for (Map.Entry<Object, String> line : lines.entrySet()) {
            if (line.getKey() instanceof Service service) {
                List<IpFamily> families = whole.getOrDefault(service, List.of());
                boolean allFamilies = families.containsAll(shared);
                everything &= allFamilies && service.ports().isAll();
                result.add(service(service.protocol(), service.ports())
                        + (allFamilies ? "" : families.contains(IpFamily.V4) ? " (IPv4 only)" : " (IPv6 only)"));
            } else {
                everything = false;
                result.add(line.getValue());
            }
        }
        return everything ? List.of("all traffic") : result;
    }

    private static IpFamily family(Opening opening) {
        return opening.from().hasFamily(IpFamily.V4) ? IpFamily.V4 : IpFamily.V6;
    }
}
