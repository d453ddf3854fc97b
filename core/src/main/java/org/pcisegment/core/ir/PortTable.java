package org.pcisegment.core.ir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pcisegment.core.net.PortRange;
import org.pcisegment.core.net.PortSet;

/**
 * For one set of rules that cover the same addresses: which rule (by position, first in compile
 * order) admits each port, as sorted port interval starts. Also the union of the admitted ports.
 */
final class PortTable {
    private final int[] starts;
    private final int[] rules;
    private final PortSet allowed;

    private PortTable(int[] starts, int[] rules, PortSet allowed) {
        this.starts = starts;
        this.rules = rules;
        this.allowed = allowed;
    }

    /**
     * The table of the given rules (positions ascending = priority): each port goes to the first
     * rule whose ports hold it.
     */
    static PortTable of(int[] positions, List<PortSet> portsByPosition) {
        List<Piece> pieces = new ArrayList<>();
        PortSet covered = PortSet.empty();
        for (int position : positions) {
            PortSet ports = portsByPosition.get(position);
            for (PortRange range : ports.minus(covered).ranges()) {
                pieces.add(new Piece(range, position));
            }
            covered = covered.union(ports);
        }
        pieces.sort((a, b) -> Integer.compare(a.range().first(), b.range().first()));
        int[] starts = new int[2 * pieces.size() + 1];
        int[] rules = new int[starts.length];
        int size = 1;
        rules[0] = AddressIndex.NONE;
        for (Piece piece : pieces) {
            int first = piece.range().first();
            if (starts[size - 1] == first) {
                rules[size - 1] = piece.rule();
            } else {
                starts[size] = first;
                rules[size] = piece.rule();
                size++;
            }
            int next = piece.range().last() + 1;
            starts[size] = next;
            rules[size] = AddressIndex.NONE;
            size++;
        }
        return new PortTable(Arrays.copyOf(starts, size), Arrays.copyOf(rules, size), covered);
    }

    /** Appends this table to a flat array as [n, starts..., rules...]; returns where it starts. */
    int appendTo(IntArray out) {
        int offset = out.size();
        out.add(starts.length);
        out.addAll(starts);
        out.addAll(rules);
        return offset;
    }

    /** A run of starts this short is counted in full (independent loads, no branch on the data). */
    private static final int COUNTED = 64;

    /**
     * The position of the first rule admitting {@code port} in the table at {@code offset} of a flat
     * array, or -1. A long table is first halved without branching on the data (conditional moves)
     * until at most {@value #COUNTED} starts are left; those are counted in one pass, whose loads
     * do not depend on each other. A binary search to the end would wait for one cache miss per step
     * and mispredict about every other one.
     */
    static int firstRule(int[] data, int offset, int port) {
        int n = data[offset];
        if (n == 3) {
            // one port range, the usual table: [3, 0, first, last + 1, -1, rule, -1]
            int at = (port >= data[offset + 2] ? 1 : 0) + (port >= data[offset + 3] ? 1 : 0);
            return data[offset + 4 + at];
        }
        int first = offset + 1;
        // the answer, the last start at or below the port, is in [base, base + length); starts[0] is 0
        int base = first;
        int length = n;
        while (length > COUNTED) {
            int half = length >>> 1;
            base = data[base + half] <= port ? base + half : base;
            length -= half;
        }
        int count = 0;
        for (int i = base; i < base + length; i++) {
            count += data[i] <= port ? 1 : 0;
        }
        return data[base + count - 1 + n];
    }

    PortSet allowed() {
        return allowed;
    }

    /** A port range and the position of the first rule admitting it. */
    record Piece(PortRange range, int rule) {}

    /** The admitted ports as ascending disjoint pieces, each with the first rule admitting it. */
    List<Piece> pieces() {
        List<Piece> pieces = new ArrayList<>();
        for (int i = 0; i < starts.length; i++) {
            if (rules[i] != AddressIndex.NONE) {
                int last = i + 1 < starts.length ? starts[i + 1] - 1 : PortSet.MAX_PORT;
                pieces.add(new Piece(new PortRange(starts[i], last), rules[i]));
            }
        }
        return pieces;
    }
}
