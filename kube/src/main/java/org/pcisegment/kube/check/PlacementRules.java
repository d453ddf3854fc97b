package org.pcisegment.kube.check;

import java.util.List;
import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.kube.check.rules.CdeHostNetworkRule;
import org.pcisegment.kube.check.rules.CdeHostPortRule;
import org.pcisegment.kube.check.rules.CdeNamespaceEgressDefaultDenyRule;
import org.pcisegment.kube.check.rules.CdeNamespaceIngressDefaultDenyRule;
import org.pcisegment.kube.check.rules.CdeNodeUntaintedRule;
import org.pcisegment.kube.check.rules.CdePodPlacementRule;
import org.pcisegment.kube.check.rules.CdePrivilegedContainerRule;
import org.pcisegment.kube.check.rules.CdeReachableFromOutsideRule;
import org.pcisegment.kube.check.rules.CdeServiceExposedRule;
import org.pcisegment.kube.check.rules.NonCdePodOnCdeNodeRule;

/** Every placement and exposure rule of {@code kube check}. Adding one: a class here and its fixtures. */
public final class PlacementRules {
    private static final List<PlacementRule> ALL = List.of(
            new CdePodPlacementRule(),
            new NonCdePodOnCdeNodeRule(),
            new CdeNodeUntaintedRule(),
            new CdeNamespaceIngressDefaultDenyRule(),
            new CdeNamespaceEgressDefaultDenyRule(),
            new CdeHostNetworkRule(),
            new CdeHostPortRule(),
            new CdePrivilegedContainerRule(),
            new CdeServiceExposedRule(),
            new CdeReachableFromOutsideRule());

    private PlacementRules() {}

    public static List<PlacementRule> all() {
        return ALL;
    }

    public static List<RuleInfo> infos() {
        return ALL.stream().map(PlacementRule::info).toList();
    }
}
