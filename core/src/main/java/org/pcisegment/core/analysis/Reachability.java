package org.pcisegment.core.analysis;

import java.util.List;
import org.pcisegment.core.ir.RuleSet;

/**
 * The reachability between all zones of a compiled policy set: each connection with what it
 * opens, ordered CDE first (from outside first), then the rest of what is reachable from outside,
 * then the others; and the same summed over zone groups. A workload's traffic to itself is not
 * listed.
 */
public record Reachability(
        RuleSet ruleSet, List<Zone> zones, List<Connection> connections, List<GroupConnection> groups) {

    public Reachability {
        zones = List.copyOf(zones);
        connections = List.copyOf(connections);
        groups = List.copyOf(groups);
    }

    public List<Connection> cdeConnections() {
        return connections.stream().filter(Connection::touchesCde).toList();
    }

    /** Connections from outside the inventory that do not touch the CDE. */
    public List<Connection> exposedConnections() {
        return connections.stream()
                .filter(c -> c.fromOutside() && !c.touchesCde())
                .toList();
    }

    public List<Connection> otherConnections() {
        return connections.stream()
                .filter(c -> !c.touchesCde() && !c.fromOutside())
                .toList();
    }

    public long cdeWorkloads() {
        return zones.stream().filter(Zone::isCde).count();
    }
}
