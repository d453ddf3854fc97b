package org.pcisegment.core.analysis.format;

import org.pcisegment.core.analysis.Connection;
import org.pcisegment.core.analysis.GroupConnection;
import org.pcisegment.core.analysis.Opening;
import org.pcisegment.core.analysis.Reachability;
import org.pcisegment.core.analysis.Zone;
import org.pcisegment.core.inventory.Inventory;
import org.pcisegment.core.json.Json;
import org.pcisegment.core.net.PortRange;
import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.Protocol;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code analyze --format json}: tool, version, policySetSha256, ruleSetSha256, summary, zones[],
 * connections[] (each opening with protocol, ports, portRanges, from and to blocks), groups[].
 * Address blocks of the outside zone are widened over inventory addresses: read "these blocks
 * minus inventory addresses".
 */
public final class ReachabilityJsonWriter {
    private ReachabilityJsonWriter() {}

    public static String write(Reachability reachability, String toolVersion) {
        Inventory inventory = reachability.ruleSet().inventory();
        ObjectNode root = Json.object();
        root.put("tool", "pci-segment");
        root.put("version", toolVersion);
        root.put("policySetSha256", reachability.ruleSet().policySet().sha256());
        root.put("ruleSetSha256", reachability.ruleSet().sha256());
        ObjectNode summary = root.putObject("summary");
        summary.put("policies", reachability.ruleSet().policySet().policies().size());
        summary.put("workloads", inventory.workloads().size());
        summary.put("cdeWorkloads", reachability.cdeWorkloads());
        summary.put("compiledRules", reachability.ruleSet().size());
        summary.put("connections", reachability.connections().size());
        summary.put("cdeConnections", reachability.cdeConnections().size());
        summary.put(
                "fromOutside",
                reachability.connections().stream()
                        .filter(Connection::fromOutside)
                        .count());
        ArrayNode zones = root.putArray("zones");
        for (Zone zone : reachability.zones()) {
            ObjectNode node = zones.addObject();
            node.put("name", zone.name());
            node.put("group", zone.group().id());
            ArrayNode addresses = node.putArray("addresses");
            if (zone.isOutside()) {
                addresses.add("0.0.0.0/0");
                addresses.add("::/0");
            } else {
                Describe.blocks(zone, zone.addresses(), inventory).forEach(addresses::add);
            }
        }
        ArrayNode connections = root.putArray("connections");
        for (Connection connection : reachability.connections()) {
            ObjectNode node = connections.addObject();
            node.put("from", connection.from().name());
            node.put("to", connection.to().name());
            node.put("fromGroup", connection.from().group().id());
            node.put("toGroup", connection.to().group().id());
            node.put("cde", connection.touchesCde());
            node.put("fromOutside", connection.fromOutside());
            ArrayNode openings = node.putArray("openings");
            for (Opening opening : connection.openings()) {
                ObjectNode o = openings.addObject();
                o.put("protocol", opening.protocol().name());
                o.put("ports", opening.ports().toString());
                o.set("portRanges", portRanges(opening.ports()));
                ArrayNode from = o.putArray("from");
                Describe.blocks(connection.from(), opening.from(), inventory).forEach(from::add);
                ArrayNode to = o.putArray("to");
                Describe.blocks(connection.to(), opening.to(), inventory).forEach(to::add);
            }
        }
        ArrayNode groups = root.putArray("groups");
        for (GroupConnection group : reachability.groups()) {
            ObjectNode node = groups.addObject();
            node.put("from", group.from().id());
            node.put("to", group.to().id());
            node.put("zonePairs", group.zonePairs());
            ObjectNode services = node.putObject("services");
            for (Protocol protocol : Protocol.values()) {
                PortSet ports = group.services().get(protocol);
                if (ports != null) {
                    services.put(protocol.name(), ports.toString());
                }
            }
        }
        return Json.write(root);
    }

    static ArrayNode portRanges(PortSet ports) {
        ArrayNode ranges = Json.array();
        for (PortRange range : ports.ranges()) {
            ranges.addArray().add(range.first()).add(range.last());
        }
        return ranges;
    }
}
