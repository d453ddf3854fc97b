package org.pcisegment.kube.netpol;

import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.source.SourceSpan;

/** One entry of a rule's {@code ports}: a protocol and a port, range or container port name. */
public record NetpolPort(Protocol protocol, Target target, SourceSpan span) {

    /** What the entry opens on its protocol. */
    public sealed interface Target permits AllPorts, Numbered, Named {}

    /** No {@code port}: every port of the protocol. */
    public record AllPorts() implements Target {}

    /** {@code port}, or {@code port} to {@code endPort}. */
    public record Numbered(PortSet ports) implements Target {}

    /** A container port name, resolved on the destination pod. */
    public record Named(String name) implements Target {}
}
