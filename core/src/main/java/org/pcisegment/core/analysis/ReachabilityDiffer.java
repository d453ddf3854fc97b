package org.pcisegment.core.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.PrefixSet;
import org.pcisegment.core.net.Protocol;

/**
 * Compares two reachability analyses exactly. Zones are matched by name. For each zone pair and
 * protocol, the source and destination addresses of both versions are cut into atoms (no opening
 * of either version splits an atom), so each atom pair has one port set before and one after;
 * their differences, merged back into openings, are the changes.
 */
public final class ReachabilityDiffer {
    private ReachabilityDiffer() {}

    private record Pair(String from, String to) {}

    public static ReachabilityDiff diff(Reachability before, Reachability after) {
        Map<Pair, Connection> old = byPair(before);
        Map<Pair, Connection> now = byPair(after);
        Map<Pair, Boolean> pairs = new LinkedHashMap<>();
        old.keySet().forEach(p -> pairs.put(p, true));
        now.keySet().forEach(p -> pairs.put(p, true));
        List<ConnectionChange> changes = new ArrayList<>();
        for (Pair pair : pairs.keySet()) {
            Connection was = old.get(pair);
            Connection is = now.get(pair);
            for (Protocol protocol : Protocol.values()) {
                List<Opening> wasOpen = openings(was, protocol);
                List<Opening> isOpen = openings(is, protocol);
                if (wasOpen.equals(isOpen)) {
                    continue;
                }
                List<Openings.Cell> added = new ArrayList<>();
                List<Openings.Cell> removed = new ArrayList<>();
                List<PrefixSet> sources = atoms(wasOpen, isOpen, true);
                List<PrefixSet> destinations = atoms(wasOpen, isOpen, false);
                for (PrefixSet from : sources) {
                    for (PrefixSet to : destinations) {
                        PortSet portsBefore = ports(wasOpen, from, to);
                        PortSet portsAfter = ports(isOpen, from, to);
                        added.add(new Openings.Cell(from, to, portsAfter.minus(portsBefore)));
                        removed.add(new Openings.Cell(from, to, portsBefore.minus(portsAfter)));
                    }
                }
                for (Opening opening : Openings.merge(protocol, added)) {
                    changes.add(new ConnectionChange(
                            ConnectionChange.Kind.ADDED, zoneOf(is, was, true), zoneOf(is, was, false), opening));
                }
                for (Opening opening : Openings.merge(protocol, removed)) {
                    changes.add(new ConnectionChange(
                            ConnectionChange.Kind.REMOVED, zoneOf(was, is, true), zoneOf(was, is, false), opening));
                }
            }
        }
        changes.sort(Comparator.comparing((ConnectionChange c) -> !c.touchesCde())
                .thenComparing(c -> !c.opensCdeAccess())
                .thenComparing(c -> c.from().name())
                .thenComparing(c -> c.to().name())
                .thenComparing(ConnectionChange::kind)
                .thenComparing(ConnectionChange::opening, Openings.ORDER));
        return new ReachabilityDiff(before, after, changes);
    }

    private static Map<Pair, Connection> byPair(Reachability reachability) {
        Map<Pair, Connection> map = new LinkedHashMap<>();
        for (Connection connection : reachability.connections()) {
            map.put(new Pair(connection.from().name(), connection.to().name()), connection);
        }
        return map;
    }

    private static List<Opening> openings(@Nullable Connection connection, Protocol protocol) {
        if (connection == null) {
            return List.of();
        }
        return connection.openings().stream()
                .filter(o -> o.protocol() == protocol)
                .toList();
    }

    /** The zone of a change: from the version it belongs to, else from the other one. */
    private static Zone zoneOf(@Nullable Connection preferred, @Nullable Connection other, boolean from) {
        Connection connection = preferred != null ? preferred : Objects.requireNonNull(other);
        return from ? connection.from() : connection.to();
    }

    /** Cuts the union of the source (or destination) sets of all openings into atoms. */
    private static List<PrefixSet> atoms(List<Opening> first, List<Opening> second, boolean sources) {
        List<PrefixSet> sets = new ArrayList<>();
        for (Opening opening : first) {
            sets.add(sources ? opening.from() : opening.to());
        }
        for (Opening opening : second) {
            sets.add(sources ? opening.from() : opening.to());
        }
        List<PrefixSet> atoms = new ArrayList<>();
        atoms.add(PrefixSet.unionAll(sets));
        for (PrefixSet set : sets) {
            List<PrefixSet> refined = new ArrayList<>();
            for (PrefixSet atom : atoms) {
                PrefixSet inside = atom.intersect(set);
                PrefixSet outside = atom.minus(set);
                if (!inside.isEmpty()) {
                    refined.add(inside);
                }
                if (!outside.isEmpty()) {
                    refined.add(outside);
                }
            }
            atoms = refined;
        }
        return atoms;
    }

    /** The ports the openings give an atom pair (atoms lie wholly inside or outside each set). */
    private static PortSet ports(List<Opening> openings, PrefixSet from, PrefixSet to) {
        PortSet ports = PortSet.empty();
        for (Opening opening : openings) {
            if (opening.from().overlaps(from) && opening.to().overlaps(to)) {
                ports = ports.union(opening.ports());
            }
        }
        return ports;
    }
}
