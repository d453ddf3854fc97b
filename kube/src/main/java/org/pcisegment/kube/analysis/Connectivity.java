package org.pcisegment.kube.analysis;

import java.util.Comparator;
import java.util.List;
import org.pcisegment.core.source.InputException;
import org.pcisegment.core.source.SourceSpan;
import org.pcisegment.core.source.Suggestions;
import org.pcisegment.kube.manifest.Cluster;
import org.pcisegment.kube.model.Note;
import org.pcisegment.kube.model.Workload;

/**
 * The allowed connections of a cluster, sorted by their connlist line, with the notes that reading
 * and analysis made.
 */
public record Connectivity(Cluster cluster, List<Connection> connections, List<Note> notes) {

    public Connectivity {
        connections = connections.stream()
                .sorted(Comparator.comparing(Connection::line))
                .toList();
        notes = List.copyOf(notes);
    }

    /**
     * The connections to or from one workload, named {@code NS/NAME} or {@code NS/NAME[Kind]}.
     *
     * @throws InputException when no workload has that name
     */
    public List<Connection> involving(String workload) {
        List<Workload> named = cluster.workloads().stream()
                .filter(w -> w.id().isNamed(workload))
                .toList();
        if (named.isEmpty()) {
            List<String> known = cluster.workloads().stream()
                    .map(w -> w.namespace() + "/" + w.id().name())
                    .toList();
            throw new InputException(
                    SourceSpan.of("--focus-workload"),
                    "no workload '" + workload + "' in the manifests" + Suggestions.hint(workload, known)
                            + "; expected NAMESPACE/NAME");
        }
        return connections.stream()
                .filter(c -> isOneOf(c.source(), named) || isOneOf(c.destination(), named))
                .toList();
    }

    private static boolean isOneOf(Peer peer, List<Workload> workloads) {
        return peer instanceof Peer.WorkloadPeer w && workloads.contains(w.workload());
    }

    /** The connlist report: one line per connection, byte-sorted. */
    public List<String> lines() {
        return connections.stream().map(Connection::line).toList();
    }
}
