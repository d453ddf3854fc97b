package org.pcisegment.kube.analysis;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pcisegment.core.net.Protocol;

/**
 * The traffic a rule matches by protocol and destination port: numbered ports are fixed, named
 * ports resolve on the destination pod (and match nothing outside the cluster). {@code excluded}
 * comes from Calico's {@code notPorts}.
 */
record ServiceMatch(
        Connections fixed, List<NamedPort> named, Connections excludedFixed, List<NamedPort> excludedNamed) {

    /** A port name for the given protocols. */
    record NamedPort(Set<Protocol> protocols, String name) {}

    static final ServiceMatch ALL = new ServiceMatch(Connections.all(), List.of(), Connections.none(), List.of());

    ServiceMatch {
        named = List.copyOf(named);
        excludedNamed = List.copyOf(excludedNamed);
    }

    boolean dependsOnDestination() {
        return !named.isEmpty() || !excludedNamed.isEmpty();
    }

    /** What the rule matches towards {@code destination} (empty: an address outside the cluster). */
    Connections resolve(Optional<PodEndpoint> destination) {
        if (!dependsOnDestination()) {
            return fixed.minus(excludedFixed);
        }
        Connections matched = fixed.union(resolveNames(named, destination));
        return matched.minus(excludedFixed.union(resolveNames(excludedNamed, destination)));
    }

    private static Connections resolveNames(List<NamedPort> names, Optional<PodEndpoint> destination) {
        Connections result = Connections.none();
        if (destination.isEmpty()) {
            return result;
        }
        for (NamedPort port : names) {
            for (Protocol protocol : port.protocols()) {
                var number = destination.get().namedPort(port.name(), protocol);
                if (number.isPresent()) {
                    result = result.union(Connections.of(protocol, number.get()));
                }
            }
        }
        return result;
    }
}
