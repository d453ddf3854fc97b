package org.pcisegment.kube.check;

import java.util.List;
import org.pcisegment.core.pci.Finding;
import org.pcisegment.kube.manifest.Cluster;

/** Runs every placement rule over a cluster; findings are sorted errors first, then by position. */
public final class KubeChecker {
    private KubeChecker() {}

    public static List<Finding> check(Cluster cluster, CheckOptions options) {
        List<PlacementRule> rules = PlacementRules.all();
        CheckContext context =
                new CheckContext(cluster, options, rules.getFirst().info());
        for (PlacementRule rule : rules) {
            context.run(rule);
        }
        return context.findings().stream().sorted(Finding.ORDER).toList();
    }
}
