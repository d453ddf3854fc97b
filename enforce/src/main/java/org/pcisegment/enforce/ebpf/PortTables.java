package org.pcisegment.enforce.ebpf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pcisegment.core.net.PortRange;
import org.pcisegment.enforce.ebpf.MapLayout.PortKey;

/**
 * Port tables in their canonical form: ascending port ranges, each with the counter of the rule
 * that admits it, neighbours with the same counter merged. The planner writes tables from this
 * form and reads installed ones back into it, so equal content means an equal table.
 */
final class PortTables {
    private PortTables() {}

    /** Ports of one peer interval mapped to a counter: one piece of a port table. */
    record PortCounter(PortRange ports, int counter) {}

    /** Adjacent pieces with the same counter as one range; pieces must be ascending. */
    static List<PortCounter> merged(List<PortCounter> pieces) {
        List<PortCounter> out = new ArrayList<>();
        for (PortCounter piece : pieces) {
            int last = out.size() - 1;
            if (last >= 0
                    && out.get(last).counter() == piece.counter()
                    && out.get(last).ports().last() + 1 == piece.ports().first()) {
                out.set(
                        last,
                        new PortCounter(
                                new PortRange(
                                        out.get(last).ports().first(),
                                        piece.ports().last()),
                                piece.counter()));
            } else {
                out.add(piece);
            }
        }
        return List.copyOf(out);
    }

    /** The canonical content of every table of the ports map, by table id. */
    static Map<Integer, List<PortCounter>> contents(Map<PortKey, Integer> ports) {
        Map<Integer, List<PortCounter>> byTable = new HashMap<>();
        ports.forEach((key, counter) -> byTable.computeIfAbsent(key.table(), t -> new ArrayList<>())
                .add(new PortCounter(new PortRange(key.port(), key.port() + (1 << (16 - key.bits())) - 1), counter)));
        Map<Integer, List<PortCounter>> contents = new HashMap<>();
        byTable.forEach((table, pieces) -> {
            pieces.sort(Comparator.comparingInt(p -> p.ports().first()));
            contents.put(table, merged(pieces));
        });
        return contents;
    }
}
