package org.pcisegment.kube.analysis;

import java.util.ArrayList;
import java.util.List;
import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.Protocol;

/**
 * An exact set of (protocol, destination port) pairs over TCP, UDP and SCTP ports 1-65535: what one
 * peer may open to another. Immutable; {@link #none()} and {@link #all()} are shared instances.
 */
public record Connections(PortSet sctp, PortSet tcp, PortSet udp) {
    private static final Connections NONE = new Connections(PortSet.empty(), PortSet.empty(), PortSet.empty());
    private static final Connections ALL = new Connections(PortSet.all(), PortSet.all(), PortSet.all());

    public static Connections none() {
        return NONE;
    }

    public static Connections all() {
        return ALL;
    }

    public static Connections of(Protocol protocol, PortSet ports) {
        return canonical(
                switch (protocol) {
                    case SCTP -> new Connections(ports, PortSet.empty(), PortSet.empty());
                    case TCP -> new Connections(PortSet.empty(), ports, PortSet.empty());
                    case UDP -> new Connections(PortSet.empty(), PortSet.empty(), ports);
                });
    }

    public PortSet ports(Protocol protocol) {
        return switch (protocol) {
            case SCTP -> sctp;
            case TCP -> tcp;
            case UDP -> udp;
        };
    }

    public boolean isEmpty() {
        return this == NONE || (sctp.isEmpty() && tcp.isEmpty() && udp.isEmpty());
    }

    public boolean isAll() {
        return this == ALL || (sctp.isAll() && tcp.isAll() && udp.isAll());
    }

    public Connections union(Connections other) {
        if (other.isEmpty() || this.isAll()) {
            return this;
        }
        if (this.isEmpty() || other.isAll()) {
            return other;
        }
        return canonical(new Connections(sctp.union(other.sctp), tcp.union(other.tcp), udp.union(other.udp)));
    }

    public Connections intersect(Connections other) {
        if (other.isAll() || this.isEmpty()) {
            return this;
        }
        if (this.isAll() || other.isEmpty()) {
            return other;
        }
        return canonical(
                new Connections(sctp.intersect(other.sctp), tcp.intersect(other.tcp), udp.intersect(other.udp)));
    }

    public Connections minus(Connections other) {
        if (other.isEmpty() || this.isEmpty()) {
            return this;
        }
        if (other.isAll()) {
            return NONE;
        }
        return canonical(new Connections(sctp.minus(other.sctp), tcp.minus(other.tcp), udp.minus(other.udp)));
    }

    public boolean containsAll(Connections other) {
        return sctp.containsAll(other.sctp) && tcp.containsAll(other.tcp) && udp.containsAll(other.udp);
    }

    private static Connections canonical(Connections value) {
        if (value.sctp.isEmpty() && value.tcp.isEmpty() && value.udp.isEmpty()) {
            return NONE;
        }
        if (value.sctp.isAll() && value.tcp.isAll() && value.udp.isAll()) {
            return ALL;
        }
        return value;
    }

    /**
     * The np-guard connlist form: {@code All Connections}, {@code No Connections}, or protocol groups
     * in the order SCTP, TCP, UDP, such as {@code TCP 8080,9090,UDP 53}.
     */
    @Override
    public String toString() {
        if (isAll()) {
            return "All Connections";
        }
        if (isEmpty()) {
            return "No Connections";
        }
        List<String> parts = new ArrayList<>(3);
        for (Protocol protocol : Protocol.values()) {
            PortSet ports = ports(protocol);
            if (!ports.isEmpty()) {
                parts.add(protocol.name() + " " + ports);
            }
        }
        return String.join(",", parts);
    }
}
