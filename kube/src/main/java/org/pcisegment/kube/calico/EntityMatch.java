package org.pcisegment.kube.calico;

import java.util.List;
import java.util.Optional;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.net.PortSet;

/**
 * A rule's {@code source} or {@code destination}: every criterion given must hold. Ports apply to
 * the destination only (source ports are refused when read).
 */
public record EntityMatch(
        List<Cidr> nets,
        List<Cidr> notNets,
        Optional<CalicoSelector> selector,
        Optional<CalicoSelector> notSelector,
        Optional<CalicoSelector> namespaceSelector,
        List<PortMatch> ports,
        List<PortMatch> notPorts) {

    public static final EntityMatch ANY = new EntityMatch(
            List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of());

    public EntityMatch {
        nets = List.copyOf(nets);
        notNets = List.copyOf(notNets);
        ports = List.copyOf(ports);
        notPorts = List.copyOf(notPorts);
    }

    /** Whether any label criterion is given: such a match never covers addresses outside the cluster. */
    public boolean selectsEndpoints() {
        return selector.isPresent() || namespaceSelector.isPresent();
    }

    /** A port entry: a number or range, or a named port of the destination endpoint. */
    public sealed interface PortMatch {}

    public record PortRange(PortSet ports) implements PortMatch {}

    public record NamedPort(String name) implements PortMatch {}
}
