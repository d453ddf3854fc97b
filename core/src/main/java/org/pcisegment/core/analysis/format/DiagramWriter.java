package org.pcisegment.core.analysis.format;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.pcisegment.core.analysis.Connection;
import org.pcisegment.core.analysis.Reachability;
import org.pcisegment.core.analysis.Zone;
import org.pcisegment.core.analysis.ZoneGroup;

/**
 * Mermaid and Graphviz DOT diagrams of a reachability analysis: the network diagram (every zone
 * and connection, PCI-DSS 1.2.3) or the CDE data-flow diagram (only flows into, out of and within
 * the CDE, 1.2.4). Zones are grouped in CDE / non-CDE / outside boxes; edges carry the services.
 */
public final class DiagramWriter {
    /** Which diagram to draw. */
    public enum Kind {
        NETWORK,
        CDE
    }

    private DiagramWriter() {}

    private static List<Connection> edges(Reachability reachability, Kind kind) {
        return kind == Kind.CDE ? reachability.cdeConnections() : reachability.connections();
    }

    /** The zones drawn: all of them for the network diagram, those on a CDE flow (and the CDE) otherwise. */
    private static Set<Zone> nodes(Reachability reachability, Kind kind) {
        Set<Zone> nodes = new LinkedHashSet<>();
        for (Zone zone : reachability.zones()) {
            if (kind == Kind.NETWORK || zone.isCde()) {
                nodes.add(zone);
            }
        }
        for (Connection connection : edges(reachability, kind)) {
            nodes.add(connection.from());
            nodes.add(connection.to());
        }
        List<Zone> ordered = new ArrayList<>();
        for (Zone zone : reachability.zones()) {
            if (nodes.contains(zone)) {
                ordered.add(zone);
            }
        }
        return new LinkedHashSet<>(ordered);
    }

    private static String id(Zone zone) {
        return "z_" + zone.name().replaceAll("[^A-Za-z0-9]", "_");
    }

    private static String label(Connection connection) {
        String services = Describe.services(connection.services());
        boolean partial = connection.openings().stream().anyMatch(connection::isPartial);
        return partial ? services + " (some addresses)" : services;
    }

    private static String title(Kind kind) {
        return kind == Kind.CDE ? "CDE data flows (PCI-DSS 1.2.4)" : "Network diagram (PCI-DSS 1.2.3)";
    }

    public static String mermaid(Reachability reachability, Kind kind) {
        StringBuilder out =
                new StringBuilder("---\ntitle: ").append(title(kind)).append("\n---\nflowchart LR\n");
        Set<Zone> nodes = nodes(reachability, kind);
        for (ZoneGroup group : ZoneGroup.values()) {
            List<Zone> members = nodes.stream().filter(z -> z.group() == group).toList();
            if (members.isEmpty()) {
                continue;
            }
            out.append("  subgraph ")
                    .append(group.id().replace('-', '_'))
                    .append("[\"")
                    .append(group.label())
                    .append("\"]\n");
            for (Zone zone : members) {
                out.append("    ").append(id(zone));
                out.append(zone.isOutside() ? "((\"" : "[\"")
                        .append(zone.name())
                        .append(zone.isOutside() ? "\"))" : "\"]")
                        .append('\n');
            }
            out.append("  end\n");
        }
        for (Connection connection : edges(reachability, kind)) {
            out.append("  ")
                    .append(id(connection.from()))
                    .append(" -->|\"")
                    .append(label(connection))
                    .append("\"| ")
                    .append(id(connection.to()))
                    .append('\n');
        }
        out.append("  style cde stroke:#c00,stroke-width:3px\n"
                .replace("cde", nodes.stream().anyMatch(Zone::isCde) ? "cde" : "none"));
        return out.toString();
    }

    public static String dot(Reachability reachability, Kind kind) {
        StringBuilder out = new StringBuilder("digraph pci_segment {\n");
        out.append("  label=\"").append(title(kind)).append("\";\n  labelloc=t;\n  rankdir=LR;\n  node [shape=box];\n");
        Set<Zone> nodes = nodes(reachability, kind);
        for (ZoneGroup group : ZoneGroup.values()) {
            List<Zone> members = nodes.stream().filter(z -> z.group() == group).toList();
            if (members.isEmpty()) {
                continue;
            }
            out.append("  subgraph cluster_")
                    .append(group.id().replace('-', '_'))
                    .append(" {\n");
            out.append("    label=\"").append(group.label()).append("\";\n");
            if (group == ZoneGroup.CDE) {
                out.append("    color=red;\n    penwidth=2;\n");
            }
            for (Zone zone : members) {
                out.append("    ")
                        .append(id(zone))
                        .append(" [label=\"")
                        .append(zone.name())
                        .append('"');
                out.append(zone.isOutside() ? ", shape=ellipse" : "").append("];\n");
            }
            out.append("  }\n");
        }
        for (Connection connection : edges(reachability, kind)) {
            out.append("  ")
                    .append(id(connection.from()))
                    .append(" -> ")
                    .append(id(connection.to()))
                    .append(" [label=\"")
                    .append(label(connection))
                    .append('"')
                    .append(connection.touchesCde() ? ", color=red" : "")
                    .append("];\n");
        }
        out.append("}\n");
        return out.toString();
    }
}
