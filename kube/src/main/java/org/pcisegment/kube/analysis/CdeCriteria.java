package org.pcisegment.kube.analysis;

import java.util.List;
import java.util.Map;
import org.pcisegment.core.source.InputException;
import org.pcisegment.core.source.SourceSpan;
import org.pcisegment.kube.manifest.Cluster;
import org.pcisegment.kube.model.PodShape;
import org.pcisegment.kube.model.Workload;

/**
 * Which workloads are in the Cardholder Data Environment: those whose pods, or whose namespace,
 * carry one of the labels. The defaults are pci-segment's {@code pci-env: cde} and Calico's
 * customary {@code PCI: "true"}.
 */
public record CdeCriteria(List<Label> labels) {

    /** One {@code key=value} that marks the CDE. */
    public record Label(String key, String value) {
        @Override
        public String toString() {
            return key + "=" + value;
        }
    }

    public static final CdeCriteria DEFAULT =
            new CdeCriteria(List.of(new Label("pci-env", "cde"), new Label("PCI", "true")));

    public CdeCriteria {
        labels = List.copyOf(labels);
    }

    /** Parses {@code key=value} flags; none given means the defaults. */
    public static CdeCriteria parse(List<String> flags) {
        if (flags.isEmpty()) {
            return DEFAULT;
        }
        return new CdeCriteria(flags.stream()
                .map(flag -> {
                    int equals = flag.indexOf('=');
                    if (equals <= 0) {
                        throw new InputException(
                                SourceSpan.of("--cde-label"), "'" + flag + "' is not key=value (e.g. pci-env=cde)");
                    }
                    return new Label(flag.substring(0, equals), flag.substring(equals + 1));
                })
                .toList());
    }

    public boolean matches(Map<String, String> labelMap) {
        return labels.stream().anyMatch(l -> l.value().equals(labelMap.get(l.key())));
    }

    public boolean isCde(Cluster cluster, Workload workload) {
        if (matches(cluster.namespace(workload.namespace()).labels())) {
            return true;
        }
        return workload.pods().stream().map(PodShape::labels).anyMatch(this::matches);
    }

    /** Whether a peer is a CDE workload (addresses outside the cluster never are). */
    public boolean isCde(Cluster cluster, Peer peer) {
        return peer instanceof Peer.WorkloadPeer w && isCde(cluster, w.workload());
    }

    @Override
    public String toString() {
        return String.join(" or ", labels.stream().map(Label::toString).toList());
    }
}
