package org.pcisegment.kube.manifest;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pcisegment.kube.calico.CalicoPolicy;
import org.pcisegment.kube.calico.CalicoTier;
import org.pcisegment.kube.calico.NetworkSet;
import org.pcisegment.kube.model.ClusterNamespace;
import org.pcisegment.kube.model.Node;
import org.pcisegment.kube.model.Note;
import org.pcisegment.kube.model.Service;
import org.pcisegment.kube.model.Workload;
import org.pcisegment.kube.netpol.NetworkPolicy;

/**
 * Everything read from a set of manifests: namespaces (declared or referred to), workloads sorted
 * by name, services, nodes, Kubernetes and Calico policies, and notes about what was skipped.
 */
public record Cluster(
        Map<String, ClusterNamespace> namespaces,
        List<Workload> workloads,
        List<Service> services,
        List<Node> nodes,
        List<NetworkPolicy> networkPolicies,
        List<CalicoPolicy> calicoPolicies,
        List<CalicoTier> calicoTiers,
        List<NetworkSet> networkSets,
        List<Note> notes) {

    public Cluster {
        namespaces = Collections.unmodifiableMap(new TreeMap<>(namespaces));
        workloads = List.copyOf(workloads);
        services = List.copyOf(services);
        nodes = List.copyOf(nodes);
        networkPolicies = List.copyOf(networkPolicies);
        calicoPolicies = List.copyOf(calicoPolicies);
        calicoTiers = List.copyOf(calicoTiers);
        networkSets = List.copyOf(networkSets);
        notes = List.copyOf(notes);
    }

    public ClusterNamespace namespace(String name) {
        ClusterNamespace namespace = namespaces.get(name);
        if (namespace == null) {
            throw new IllegalArgumentException("namespace " + name + " was not collected");
        }
        return namespace;
    }
}
