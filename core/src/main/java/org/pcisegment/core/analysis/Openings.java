package org.pcisegment.core.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.PrefixSet;
import org.pcisegment.core.net.Protocol;

/** Turns address-pair cells with ports into few openings, the same way for analyze and diff. */
final class Openings {
    private Openings() {}

    /** One cell: these sources reach these destinations on these ports (one family). */
    record Cell(PrefixSet from, PrefixSet to, PortSet ports) {}

    /**
     * Merges cells of one protocol: first the sources of cells with equal ports and destinations,
     * then the destinations of cells with equal ports and sources. Exact: the union of the result
     * is the union of the cells. Ordered by first port, then source, then destination.
     */
    static List<Opening> merge(Protocol protocol, List<Cell> cells) {
        record PortsTo(PortSet ports, PrefixSet to) {}
        record PortsFrom(PortSet ports, PrefixSet from) {}
        Map<PortsTo, List<PrefixSet>> sources = new LinkedHashMap<>();
        for (Cell cell : cells) {
            if (!cell.ports().isEmpty() && !cell.from().isEmpty() && !cell.to().isEmpty()) {
                sources.computeIfAbsent(new PortsTo(cell.ports(), cell.to()), k -> new ArrayList<>())
                        .add(cell.from());
            }
        }
        Map<PortsFrom, List<PrefixSet>> destinations = new LinkedHashMap<>();
        sources.forEach((key, from) -> destinations
                .computeIfAbsent(new PortsFrom(key.ports(), PrefixSet.unionAll(from)), k -> new ArrayList<>())
                .add(key.to()));
        List<Opening> openings = new ArrayList<>();
        destinations.forEach(
                (key, to) -> openings.add(new Opening(protocol, key.ports(), key.from(), PrefixSet.unionAll(to))));
        openings.sort(ORDER);
        return openings;
    }

    static final Comparator<Opening> ORDER = Comparator.comparing(Opening::protocol)
            .thenComparingInt(o -> o.ports().min())
            .thenComparing(o -> o.from().min())
            .thenComparing(o -> o.to().min())
            .thenComparing(o -> o.ports().toString())
            .thenComparing(o -> o.from().toString())
            .thenComparing(o -> o.to().toString());
}
