package org.pcisegment.kube.topology;

import org.pcisegment.core.net.Protocol;

/** A port a component serves: number and protocol ({@code 443} or {@code 53/UDP} in the files). */
public record ComponentPort(int port, Protocol protocol) {

    @Override
    public String toString() {
        return port + "/" + protocol;
    }
}
