package org.pcisegment.kube.analysis;

import java.util.Comparator;
import java.util.List;
import org.pcisegment.kube.manifest.Cluster;
import org.pcisegment.kube.model.Note;

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

    /** The connlist report: one line per connection, byte-sorted, each ending in a newline. */
    public List<String> lines() {
        return connections.stream().map(Connection::line).toList();
    }
}
