package org.pcisegment.kube.analysis;

/** Traffic one peer may open to another: never empty in a {@link Connectivity}. */
public record Connection(Peer source, Peer destination, Connections connections) {

    /** The connlist line: {@code SRC => DST : CONN}. */
    public String line() {
        return source.display() + " => " + destination.display() + " : " + connections;
    }
}
