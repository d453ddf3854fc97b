package org.pcisegment.kube.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pcisegment.kube.manifest.Cluster;
import org.pcisegment.kube.model.Workload;

/**
 * What changed in connectivity between two versions of a cluster's manifests (PCI DSS 1.2.2: every
 * change to network connections is reviewed). Both versions are analysed over the same outside
 * blocks, so a block means the same addresses on both sides.
 */
public record ConnectivityDiff(List<Change> changes) {

    /** How a pair of peers changed. */
    public enum Kind {
        changed,
        added,
        removed
    }

    /**
     * One pair of peers whose connection differs. {@code workloadsInfo} says when a peer exists in
     * one version only.
     */
    public record Change(
            Kind kind,
            String source,
            String destination,
            Connections before,
            Connections after,
            Optional<String> workloadsInfo,
            boolean sourceInCde,
            boolean destinationInCde) {

        public boolean touchesCde() {
            return sourceInCde || destinationInCde;
        }

        /** True when the new version lets something in to the CDE that the old one did not. */
        public boolean opensCde() {
            return destinationInCde && !before.containsAll(after);
        }

        /** The np-guard diff line. */
        public String line() {
            return "diff-type: " + kind + ", source: " + source + ", destination: " + destination + ", ref1: " + before
                    + ", ref2: " + after
                    + workloadsInfo.map(i -> ", workloads-diff-info: " + i).orElse("");
        }
    }

    public ConnectivityDiff {
        changes = List.copyOf(changes);
    }

    public boolean opensCde() {
        return changes.stream().anyMatch(Change::opensCde);
    }

    public static ConnectivityDiff compare(Cluster before, Cluster after, CdeCriteria cde) {
        AddressCuts cuts = AddressCuts.of(before).plus(AddressCuts.of(after));
        Map<String, Connection> old = byPair(ConnectivityAnalyzer.analyze(before, cuts));
        Map<String, Connection> now = byPair(ConnectivityAnalyzer.analyze(after, cuts));
        Set<String> oldWorkloads = names(before);
        Set<String> newWorkloads = names(after);
        Set<String> pairs = new HashSet<>(old.keySet());
        pairs.addAll(now.keySet());
        List<Change> changes = new ArrayList<>();
        for (String pair : pairs) {
            Connection was = old.get(pair);
            Connection is = now.get(pair);
            Connections before1 = was == null ? Connections.none() : was.connections();
            Connections after1 = is == null ? Connections.none() : is.connections();
            if (before1.equals(after1)) {
                continue;
            }
            Connection any = is != null ? is : java.util.Objects.requireNonNull(was);
            Kind kind = was == null ? Kind.added : is == null ? Kind.removed : Kind.changed;
            String source = any.source().display();
            String destination = any.destination().display();
            Cluster side = is != null ? after : before;
            changes.add(new Change(
                    kind,
                    source,
                    destination,
                    before1,
                    after1,
                    workloadsInfo(source, destination, oldWorkloads, newWorkloads),
                    cde.isCde(side, any.source()),
                    cde.isCde(side, any.destination())));
        }
        changes.sort(Comparator.comparing((Change c) -> !c.touchesCde()).thenComparing(Change::line));
        return new ConnectivityDiff(changes);
    }

    private static Optional<String> workloadsInfo(
            String source, String destination, Set<String> oldWorkloads, Set<String> newWorkloads) {
        for (boolean added : new boolean[] {true, false}) {
            Set<String> in = added ? newWorkloads : oldWorkloads;
            Set<String> notIn = added ? oldWorkloads : newWorkloads;
            List<String> only = new ArrayList<>();
            for (String peer : List.of(source, destination)) {
                if (in.contains(peer) && !notIn.contains(peer)) {
                    only.add(peer);
                }
            }
            if (!only.isEmpty()) {
                return Optional.of("workload " + String.join(" and ", only) + (added ? " added" : " removed"));
            }
        }
        return Optional.empty();
    }

    private static Set<String> names(Cluster cluster) {
        Set<String> names = new HashSet<>();
        for (Workload workload : cluster.workloads()) {
            names.add(workload.id().display());
        }
        return names;
    }

    private static Map<String, Connection> byPair(Connectivity connectivity) {
        Map<String, Connection> pairs = new LinkedHashMap<>();
        for (Connection connection : connectivity.connections()) {
            pairs.put(
                    connection.source().display() + " => "
                            + connection.destination().display(),
                    connection);
        }
        return pairs;
    }
}
