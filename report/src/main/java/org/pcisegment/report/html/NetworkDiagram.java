package org.pcisegment.report.html;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.pcisegment.report.NetworkView;
import org.pcisegment.report.NetworkView.Reach;
import org.pcisegment.report.NetworkView.Zone;

/**
 * Draws the analysis graph as inline SVG with a deterministic layered layout: the world outside the
 * inventory on the left, non-CDE workloads in the middle, CDE workloads on the right, each column
 * sorted by name; every allowed path an arrow labelled with its services. The same input always gives
 * the same picture, byte for byte.
 */
final class NetworkDiagram {
    private static final int NODE_WIDTH = 190;
    private static final int NODE_HEIGHT = 42;
    private static final int COLUMN_GAP = 170;
    private static final int ROW_GAP = 34;
    private static final int MARGIN = 24;
    private static final int HEADER = 34;
    private static final String[] COLUMN_TITLES = {"Outside the inventory", "Non-CDE workloads", "CDE workloads"};

    private record Box(Zone zone, int column, int x, int y) {
        int centerY() {
            return y + NODE_HEIGHT / 2;
        }
    }

    private NetworkDiagram() {}

    /** The network diagram: every zone and every allowed path between two different zones. */
    static String network(NetworkView view, String idPrefix) {
        return draw(
                view.zones(),
                view.reachability(),
                idPrefix,
                "Network diagram",
                "Every allowed path between inventory workloads and the outside, from the analysis.");
    }

    /** The CDE data-flow diagram: only paths into or out of the CDE, and the zones they join. */
    static String cdeDataFlow(NetworkView view, String idPrefix) {
        List<Reach> flows =
                view.reachability().stream().filter(Reach::touchesCde).toList();
        Set<String> used = new LinkedHashSet<>();
        flows.forEach(r -> {
            used.add(r.from());
            used.add(r.to());
        });
        List<Zone> zones = view.zones().stream()
                .filter(z -> z.cde() || used.contains(z.id()))
                .toList();
        return draw(
                zones,
                flows,
                idPrefix,
                "CDE data-flow diagram",
                "Every allowed path into or out of the cardholder data environment, from the analysis.");
    }

    private static int column(Zone zone) {
        return zone.kind() == NetworkView.Kind.OUTSIDE ? 0 : zone.cde() ? 2 : 1;
    }

    private static String draw(List<Zone> zones, List<Reach> paths, String id, String title, String description) {
        Map<String, Box> boxes = new HashMap<>();
        int[] rows = new int[3];
        List<Zone> sorted = new ArrayList<>(zones);
        sorted.sort(Comparator.comparingInt(NetworkDiagram::column).thenComparing(Zone::label));
        for (Zone zone : sorted) {
            int column = column(zone);
            int x = MARGIN + column * (NODE_WIDTH + COLUMN_GAP);
            int y = MARGIN + HEADER + rows[column]++ * (NODE_HEIGHT + ROW_GAP);
            boxes.put(zone.id(), new Box(zone, column, x, y));
        }
        int maxRows = Math.max(1, Math.max(rows[0], Math.max(rows[1], rows[2])));
        // Room on the right for the curves between two CDE workloads.
        int width = 2 * MARGIN + 3 * NODE_WIDTH + 2 * COLUMN_GAP + 120;
        int height = 2 * MARGIN + HEADER + maxRows * (NODE_HEIGHT + ROW_GAP);
        Markup svg = new Markup();
        svg.open(
                "svg",
                "xmlns",
                "http://www.w3.org/2000/svg",
                "class",
                "diagram",
                "role",
                "img",
                "aria-labelledby",
                id + "-title " + id + "-desc",
                "viewBox",
                "0 0 " + width + " " + height,
                "width",
                Integer.toString(width),
                "height",
                Integer.toString(height));
        svg.element("title", title, "id", id + "-title");
        svg.element(
                "desc", description + " " + zones.size() + " zones, " + paths.size() + " paths.", "id", id + "-desc");
        svg.open("defs")
                .open(
                        "marker",
                        "id",
                        id + "-arrow",
                        "viewBox",
                        "0 0 10 10",
                        "refX",
                        "10",
                        "refY",
                        "5",
                        "markerWidth",
                        "8",
                        "markerHeight",
                        "8",
                        "orient",
                        "auto")
                .empty("path", "d", "M0,0 L10,5 L0,10 z", "fill", "#44546a")
                .close("marker")
                .close("defs");
        svg.empty(
                "rect",
                "x",
                "0",
                "y",
                "0",
                "width",
                Integer.toString(width),
                "height",
                Integer.toString(height),
                "fill",
                "#ffffff");
        for (int column = 0; column < 3; column++) {
            int x = MARGIN + column * (NODE_WIDTH + COLUMN_GAP) + NODE_WIDTH / 2;
            svg.element(
                    "text",
                    COLUMN_TITLES[column],
                    "x",
                    Integer.toString(x),
                    "y",
                    Integer.toString(MARGIN + 12),
                    "text-anchor",
                    "middle",
                    "font-size",
                    "13",
                    "font-weight",
                    "bold",
                    "fill",
                    "#1f2d3d");
        }
        List<Reach> ordered = new ArrayList<>(paths);
        ordered.sort(Comparator.comparing(Reach::from).thenComparing(Reach::to).thenComparing(Reach::services));
        for (Reach path : ordered) {
            Box from = boxes.get(path.from());
            Box to = boxes.get(path.to());
            if (from == null || to == null || from == to) {
                continue; // a zone's traffic with itself is in the reachability table, not drawn
            }
            edge(svg, from, to, path, id);
        }
        for (Zone zone : sorted) {
            Box box = boxes.get(zone.id());
            if (box != null) {
                node(svg, box);
            }
        }
        return svg.close("svg").toString();
    }

    private static void edge(Markup svg, Box from, Box to, Reach path, String id) {
        String d;
        double labelX;
        double labelY;
        if (from.column == to.column) {
            int x = from.x + NODE_WIDTH;
            int bulge = x + 60 + Math.abs(to.y - from.y) / 6;
            d = "M" + x + "," + from.centerY() + " C" + bulge + "," + from.centerY() + " " + bulge + "," + to.centerY()
                    + " " + x + "," + to.centerY();
            labelX = bulge - 14;
            labelY = (from.centerY() + to.centerY()) / 2.0;
        } else {
            boolean rightwards = from.column < to.column;
            int x1 = rightwards ? from.x + NODE_WIDTH : from.x;
            int x2 = rightwards ? to.x : to.x + NODE_WIDTH;
            int mid = (x1 + x2) / 2;
            d = "M" + x1 + "," + from.centerY() + " C" + mid + "," + from.centerY() + " " + mid + "," + to.centerY()
                    + " " + x2 + "," + to.centerY();
            labelX = mid;
            labelY = (from.centerY() + to.centerY()) / 2.0 - 4;
        }
        String colour = path.intoCde() ? "#b42318" : path.outOfCde() ? "#b54708" : "#44546a";
        svg.empty(
                "path",
                "d",
                d,
                "fill",
                "none",
                "stroke",
                colour,
                "stroke-width",
                "1.6",
                "marker-end",
                "url(#" + id + "-arrow)");
        // A white plate behind the label keeps it readable over the lines (paint-order is not
        // supported by every SVG renderer, the PDF one included).
        double plateWidth = path.services().length() * 6.4 + 6;
        svg.empty(
                "rect",
                "x",
                format(labelX - plateWidth / 2),
                "y",
                format(labelY - 10),
                "width",
                format(plateWidth),
                "height",
                "13",
                "fill",
                "#ffffff",
                "fill-opacity",
                "0.9");
        svg.element(
                "text",
                path.services(),
                "x",
                format(labelX),
                "y",
                format(labelY),
                "text-anchor",
                "middle",
                "font-size",
                "11",
                "fill",
                colour);
    }

    private static void node(Markup svg, Box box) {
        Zone zone = box.zone();
        String fill = zone.kind() == NetworkView.Kind.OUTSIDE ? "#f2f4f7" : zone.cde() ? "#fef3f2" : "#eff8ff";
        String stroke = zone.kind() == NetworkView.Kind.OUTSIDE ? "#667085" : zone.cde() ? "#b42318" : "#175cd3";
        svg.empty(
                "rect",
                "x",
                Integer.toString(box.x),
                "y",
                Integer.toString(box.y),
                "rx",
                "6",
                "width",
                Integer.toString(NODE_WIDTH),
                "height",
                Integer.toString(NODE_HEIGHT),
                "fill",
                fill,
                "stroke",
                stroke,
                "stroke-width",
                zone.cde() ? "2" : "1.2");
        svg.element(
                "text",
                zone.label(),
                "x",
                Integer.toString(box.x + NODE_WIDTH / 2),
                "y",
                Integer.toString(box.y + 18),
                "text-anchor",
                "middle",
                "font-size",
                "12",
                "font-weight",
                "bold",
                "fill",
                "#1f2d3d");
        String detail = zone.addresses().isEmpty() ? (zone.cde() ? "CDE" : "") : String.join(", ", zone.addresses());
        svg.element(
                "text",
                shorten(detail, 30),
                "x",
                Integer.toString(box.x + NODE_WIDTH / 2),
                "y",
                Integer.toString(box.y + 33),
                "text-anchor",
                "middle",
                "font-size",
                "10",
                "fill",
                "#475467");
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
