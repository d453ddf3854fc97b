package org.pcisegment.kube.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.pcisegment.core.pci.Finding;
import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.core.source.SourceSpan;
import org.pcisegment.kube.analysis.Connectivity;
import org.pcisegment.kube.analysis.ConnectivityAnalyzer;
import org.pcisegment.kube.manifest.Cluster;
import org.pcisegment.kube.model.ClusterNamespace;
import org.pcisegment.kube.model.Node;
import org.pcisegment.kube.model.PodShape;
import org.pcisegment.kube.model.Workload;

/**
 * What a placement rule sees: the cluster, what marks the CDE, the connectivity (computed once, on
 * first use), and the sink for findings (stamped with the running rule's metadata).
 */
public final class CheckContext {
    private final Cluster cluster;
    private final CheckOptions options;
    private final List<Finding> findings = new ArrayList<>();
    private Optional<Connectivity> connectivity = Optional.empty();
    private RuleInfo current;

    CheckContext(Cluster cluster, CheckOptions options, RuleInfo first) {
        this.cluster = cluster;
        this.options = options;
        this.current = first;
    }

    void run(PlacementRule rule) {
        current = rule.info();
        rule.check(this);
    }

    List<Finding> findings() {
        return findings;
    }

    public Cluster cluster() {
        return cluster;
    }

    public CheckOptions options() {
        return options;
    }

    public Connectivity connectivity() {
        if (connectivity.isEmpty()) {
            connectivity = Optional.of(ConnectivityAnalyzer.analyze(cluster));
        }
        return connectivity.orElseThrow();
    }

    public boolean isCdeNamespace(String namespace) {
        return options.cde().matches(cluster.namespace(namespace).labels());
    }

    /** A pod is in the CDE by its own labels or its namespace's. */
    public boolean isCde(Workload workload, PodShape pod) {
        return options.cde().matches(pod.labels()) || isCdeNamespace(workload.namespace());
    }

    /** The first pod of a workload that is in the CDE and passes {@code test}: rules report once per workload. */
    public Optional<PodShape> firstCdePod(Workload workload, Predicate<PodShape> test) {
        return workload.pods().stream()
                .filter(pod -> isCde(workload, pod) && test.test(pod))
                .findFirst();
    }

    public boolean isCde(Workload workload) {
        return options.cde().isCde(cluster, workload);
    }

    public boolean isCdeNode(Node node) {
        return options.cdeNodeLabel()
                .value()
                .equals(node.labels().get(options.cdeNodeLabel().key()));
    }

    /** Namespaces that are CDE by label or hold CDE workloads, sorted by name. */
    public List<ClusterNamespace> cdeNamespaces() {
        return cluster.namespaces().values().stream()
                .filter(ns -> isCdeNamespace(ns.name())
                        || cluster.workloads().stream()
                                .anyMatch(w -> w.namespace().equals(ns.name()) && isCde(w)))
                .toList();
    }

    public void report(SourceSpan span, String message) {
        report(current.severity(), span, message);
    }

    public void report(Severity severity, SourceSpan span, String message) {
        findings.add(new Finding(
                current.id(), current.requirement(), severity, message, span, current.remediation(), Optional.empty()));
    }
}
