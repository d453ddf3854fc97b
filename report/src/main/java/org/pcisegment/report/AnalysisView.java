package org.pcisegment.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.pcisegment.core.analysis.Connection;
import org.pcisegment.core.analysis.ConnectionChange;
import org.pcisegment.core.analysis.Opening;
import org.pcisegment.core.analysis.Reachability;
import org.pcisegment.core.analysis.ReachabilityDiff;
import org.pcisegment.core.analysis.Zone;
import org.pcisegment.core.analysis.format.Describe;
import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.ir.Flow;
import org.pcisegment.core.ir.Rule;
import org.pcisegment.core.ir.RuleSet;

/**
 * Puts the analysis into the report's terms: zones and connections become the network view, a
 * reachability diff becomes the changes section. Nothing here computes reachability; the rule set is
 * asked only which policy rules admit one flow of each opening, to cite them.
 */
public final class AnalysisView {
    private AnalysisView() {}

    public static NetworkView of(Reachability reachability) {
        List<NetworkView.Zone> zones = new ArrayList<>();
        List<String> exposed = new ArrayList<>();
        for (Zone zone : reachability.zones()) {
            zones.add(new NetworkView.Zone(
                    zone.name(),
                    zone.isOutside() ? "Outside the inventory" : zone.name(),
                    zone.isOutside() ? NetworkView.Kind.OUTSIDE : NetworkView.Kind.WORKLOAD,
                    zone.isCde(),
                    zone.workload().map(Workload::addresses).orElse(List.of()).stream()
                            .map(Describe::cidr)
                            .toList()));
        }
        List<NetworkView.Reach> reach = new ArrayList<>();
        for (Connection connection : reachability.connections()) {
            Zone from = connection.from();
            Zone to = connection.to();
            reach.add(new NetworkView.Reach(
                    from.name(),
                    to.name(),
                    Describe.services(connection.services()),
                    to.isCde() && !from.isCde(),
                    from.isCde() && !to.isCde(),
                    citations(reachability.ruleSet(), connection)));
            if (from.isOutside() && to.isCde() && !exposed.contains(to.name())) {
                exposed.add(to.name());
            }
        }
        return new NetworkView(zones, reach, exposed);
    }

    /** The policies whose rules admit the first flow of each opening, on either side. */
    private static List<String> citations(RuleSet ruleSet, Connection connection) {
        Set<String> policies = new LinkedHashSet<>();
        for (Opening opening : connection.openings()) {
            Flow flow = new Flow(
                    opening.from().min(),
                    opening.to().min(),
                    opening.protocol(),
                    opening.ports().min());
            for (Rule rule : ruleSet.explain(flow).matchedRules()) {
                policies.add(rule.origin().policy());
            }
        }
        return List.copyOf(policies);
    }

    /** The changes section from a diff of two policy versions (the analysis' diff). */
    public static ComplianceReport.Changes changes(String against, ReachabilityDiff diff) {
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (ConnectionChange change : diff.changes()) {
            String line = change.from().name() + " -> " + change.to().name() + ": "
                    + Describe.opening(
                            change.from(),
                            change.to(),
                            change.opening(),
                            diff.after().ruleSet().inventory())
                    + (change.opensCdeAccess() ? " (new access into the CDE)" : "");
            (change.kind() == ConnectionChange.Kind.ADDED ? added : removed).add(line);
        }
        List<String> notes = new ArrayList<>();
        notes.add("Previous policy set " + diff.before().ruleSet().policySet().shortHash() + ", this one "
                + diff.after().ruleSet().policySet().shortHash() + ".");
        if (diff.opensCdeAccess()) {
            notes.add("This change opens new access into the CDE: change control must approve it (PCI DSS 1.2.2).");
        }
        return new ComplianceReport.Changes(against, added, removed, notes);
    }
}
