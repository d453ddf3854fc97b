package org.pcisegment.kube.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pcisegment.core.json.Json;
import org.pcisegment.kube.analysis.CdeCriteria;
import org.pcisegment.kube.analysis.Connection;
import org.pcisegment.kube.analysis.Connectivity;
import org.pcisegment.kube.analysis.Peer;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the connections of {@code kube analyze}: the np-guard connlist text, JSON and CSV with the
 * same rows plus CDE flags, a Markdown table, and DOT / Mermaid diagrams in which CDE workloads
 * and every connection into the CDE stand out.
 */
public final class ConnlistWriter {
    private ConnlistWriter() {}

    public static String write(
            Connectivity connectivity, List<Connection> connections, OutputFormat format, CdeCriteria cde) {
        return switch (format) {
            case txt -> text(connections);
            case json -> json(connectivity, connections, cde);
            case csv -> csv(connectivity, connections, cde);
            case md -> markdown(connectivity, connections, cde);
            case dot -> dot(connectivity, connections, cde);
            case mermaid -> mermaid(connectivity, connections, cde);
        };
    }

    private static String text(List<Connection> connections) {
        StringBuilder out = new StringBuilder();
        for (Connection connection : connections) {
            out.append(connection.line()).append('\n');
        }
        return out.toString();
    }

    private static String json(Connectivity connectivity, List<Connection> connections, CdeCriteria cde) {
        ObjectNode root = Json.object();
        ArrayNode rows = root.putArray("connections");
        for (Connection connection : connections) {
            ObjectNode row = rows.addObject();
            row.put("src", connection.source().display());
            row.put("dst", connection.destination().display());
            row.put("conn", connection.connections().toString());
            row.put("src_cde", cde.isCde(connectivity.cluster(), connection.source()));
            row.put("dst_cde", cde.isCde(connectivity.cluster(), connection.destination()));
        }
        root.put("cde_labels", cde.toString());
        return Json.write(root);
    }

    private static String csv(Connectivity connectivity, List<Connection> connections, CdeCriteria cde) {
        StringBuilder out = new StringBuilder(Csv.row(List.of("src", "dst", "conn", "src_cde", "dst_cde")));
        for (Connection connection : connections) {
            out.append(Csv.row(List.of(
                    connection.source().display(),
                    connection.destination().display(),
                    connection.connections().toString(),
                    Boolean.toString(cde.isCde(connectivity.cluster(), connection.source())),
                    Boolean.toString(cde.isCde(connectivity.cluster(), connection.destination())))));
        }
        return out.toString();
    }

    private static String markdown(Connectivity connectivity, List<Connection> connections, CdeCriteria cde) {
        StringBuilder out = new StringBuilder("| src | dst | conn | CDE |\n| --- | --- | --- | --- |\n");
        for (Connection connection : connections) {
            boolean source = cde.isCde(connectivity.cluster(), connection.source());
            boolean destination = cde.isCde(connectivity.cluster(), connection.destination());
            String mark = source && destination ? "within" : destination ? "into" : source ? "out of" : "";
            out.append("| ")
                    .append(Csv.cell(connection.source().display()))
                    .append(" | ")
                    .append(Csv.cell(connection.destination().display()))
                    .append(" | ")
                    .append(Csv.cell(connection.connections().toString()))
                    .append(" | ")
                    .append(mark)
                    .append(" |\n");
        }
        return out.toString();
    }

    /** Diagram nodes: every peer that appears, with a short id, grouped by namespace. */
    private record Nodes(Map<String, String> ids, Map<String, List<Peer>> byNamespace, List<Peer> outside) {}

    private static Nodes nodes(List<Connection> connections) {
        Map<String, String> ids = new LinkedHashMap<>();
        Map<String, List<Peer>> byNamespace = new TreeMap<>();
        List<Peer> outside = new ArrayList<>();
        List<Peer> peers = new ArrayList<>();
        for (Connection connection : connections) {
            peers.add(connection.source());
            peers.add(connection.destination());
        }
        peers.sort((a, b) -> a.display().compareTo(b.display()));
        for (Peer peer : peers) {
            if (ids.containsKey(peer.display())) {
                continue;
            }
            switch (peer) {
                case Peer.WorkloadPeer w -> {
                    ids.put(peer.display(), "w" + ids.size());
                    byNamespace
                            .computeIfAbsent(w.workload().namespace(), n -> new ArrayList<>())
                            .add(peer);
                }
                case Peer.ExternalPeer e -> {
                    ids.put(peer.display(), "x" + ids.size());
                    outside.add(peer);
                }
            }
        }
        return new Nodes(ids, byNamespace, outside);
    }

    private static String label(Peer peer) {
        return switch (peer) {
            case Peer.WorkloadPeer w ->
                w.workload().id().name() + " (" + w.workload().id().kind() + ")";
            case Peer.ExternalPeer e -> e.range().first() + " - " + e.range().last();
        };
    }

    private static String id(Nodes nodes, Peer peer) {
        String id = nodes.ids().get(peer.display());
        if (id == null) {
            throw new IllegalStateException("no node for " + peer.display());
        }
        return id;
    }

    private static String dot(Connectivity connectivity, List<Connection> connections, CdeCriteria cde) {
        Nodes nodes = nodes(connections);
        StringBuilder out = new StringBuilder();
        out.append("digraph connectivity {\n")
                .append("  rankdir=LR;\n")
                .append("  labelloc=t;\n")
                .append("  label=")
                .append(dotString("Allowed connections; CDE (" + cde + ") in red"))
                .append(";\n")
                .append("  node [shape=box, style=rounded, fontname=Helvetica];\n")
                .append("  edge [fontname=Helvetica, fontsize=10];\n");
        int cluster = 0;
        for (Map.Entry<String, List<Peer>> namespace : nodes.byNamespace().entrySet()) {
            out.append("  subgraph cluster_").append(cluster++).append(" {\n");
            out.append("    label=")
                    .append(dotString("namespace " + namespace.getKey()))
                    .append(";\n");
            for (Peer peer : namespace.getValue()) {
                out.append("    ").append(id(nodes, peer)).append(" [label=").append(dotString(label(peer)));
                if (cde.isCde(connectivity.cluster(), peer)) {
                    out.append(", color=red, penwidth=2, style=\"rounded,filled\", fillcolor=\"#ffe5e5\"");
                }
                out.append("];\n");
            }
            out.append("  }\n");
        }
        for (Peer peer : nodes.outside()) {
            out.append("  ")
                    .append(id(nodes, peer))
                    .append(" [label=")
                    .append(dotString(label(peer) + "\\n(outside the cluster)"))
                    .append(", shape=ellipse, style=dashed];\n");
        }
        for (Connection connection : connections) {
            out.append("  ")
                    .append(id(nodes, connection.source()))
                    .append(" -> ")
                    .append(id(nodes, connection.destination()))
                    .append(" [label=")
                    .append(dotString(connection.connections().toString()));
            if (cde.isCde(connectivity.cluster(), connection.destination())) {
                out.append(", color=red, fontcolor=red");
            }
            out.append("];\n");
        }
        return out.append("}\n").toString();
    }

    private static String dotString(String text) {
        return "\"" + text.replace("\"", "\\\"") + "\"";
    }

    private static String mermaid(Connectivity connectivity, List<Connection> connections, CdeCriteria cde) {
        Nodes nodes = nodes(connections);
        StringBuilder out = new StringBuilder("flowchart LR\n");
        List<String> cdeNodes = new ArrayList<>();
        int namespaceIndex = 0;
        for (Map.Entry<String, List<Peer>> namespace : nodes.byNamespace().entrySet()) {
            out.append("  subgraph ns")
                    .append(namespaceIndex++)
                    .append(mermaidText(namespace.getKey()))
                    .append('\n');
            for (Peer peer : namespace.getValue()) {
                out.append("    ")
                        .append(id(nodes, peer))
                        .append(mermaidText(label(peer)))
                        .append('\n');
                if (cde.isCde(connectivity.cluster(), peer)) {
                    cdeNodes.add(id(nodes, peer));
                }
            }
            out.append("  end\n");
        }
        for (Peer peer : nodes.outside()) {
            out.append("  ")
                    .append(id(nodes, peer))
                    .append("([\"")
                    .append(escapeMermaid(label(peer)))
                    .append("\"])\n");
        }
        List<Integer> cdeEdges = new ArrayList<>();
        for (int i = 0; i < connections.size(); i++) {
            Connection connection = connections.get(i);
            out.append("  ")
                    .append(id(nodes, connection.source()))
                    .append(" -->|\"")
                    .append(escapeMermaid(connection.connections().toString()))
                    .append("\"| ")
                    .append(id(nodes, connection.destination()))
                    .append('\n');
            if (cde.isCde(connectivity.cluster(), connection.destination())) {
                cdeEdges.add(i);
            }
        }
        out.append("  classDef cde fill:#ffe5e5,stroke:#d00000,stroke-width:2px\n");
        if (!cdeNodes.isEmpty()) {
            out.append("  class ").append(String.join(",", cdeNodes)).append(" cde\n");
        }
        for (int edge : cdeEdges) {
            out.append("  linkStyle ").append(edge).append(" stroke:#d00000,stroke-width:2px\n");
        }
        return out.toString();
    }

    private static String mermaidText(String text) {
        return "[\"" + escapeMermaid(text) + "\"]";
    }

    private static String escapeMermaid(String text) {
        return text.replace("\"", "#quot;");
    }
}
