package org.pcisegment.kube.analysis;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.kube.model.ContainerPort;

/**
 * One distinct pod of the analysis: a workload's pods that agree on labels and named ports are
 * indistinguishable to every policy, so each such group is analysed once.
 *
 * @param workload index of the owning workload in the cluster's workload list
 * @param calicoLabels the labels Calico selectors see: the pod's plus {@code projectcalico.org/namespace}
 */
record PodEndpoint(
        int workload,
        String namespace,
        Map<String, String> labels,
        Map<String, String> calicoLabels,
        Map<String, String> namespaceLabels,
        Map<String, String> calicoNamespaceLabels,
        List<ContainerPort> ports) {

    /** The port a container port name stands for on this pod, for one protocol. */
    Optional<PortSet> namedPort(String name, Protocol protocol) {
        for (ContainerPort port : ports) {
            if (port.name().isPresent() && port.name().get().equals(name) && port.protocol() == protocol) {
                return Optional.of(PortSet.of(port.number()));
            }
        }
        return Optional.empty();
    }
}
