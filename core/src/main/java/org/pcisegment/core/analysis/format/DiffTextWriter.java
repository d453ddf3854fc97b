package org.pcisegment.core.analysis.format;

import org.pcisegment.core.analysis.ConnectionChange;
import org.pcisegment.core.analysis.ReachabilityDiff;
import org.pcisegment.core.inventory.Inventory;
import org.pcisegment.core.load.PolicySet;

/** {@code diff} text output: CDE changes first, "+" added, "-" removed, then the gate. */
public final class DiffTextWriter {
    private DiffTextWriter() {}

    public static String write(ReachabilityDiff diff) {
        StringBuilder out = new StringBuilder();
        out.append("Reachability diff\n");
        version(
                out,
                "old",
                diff.before().ruleSet().policySet(),
                diff.before().ruleSet().sha256());
        version(
                out,
                "new",
                diff.after().ruleSet().policySet(),
                diff.after().ruleSet().sha256());
        out.append('\n');
        if (diff.changes().isEmpty()) {
            out.append("No change in reachability.\n");
            return out.toString();
        }
        section(out, "[CDE] Changes into, out of and within the CDE", diff, true);
        section(out, "[OTHER] Other changes", diff, false);
        long added = diff.count(ConnectionChange.Kind.ADDED);
        long intoCde =
                diff.changes().stream().filter(ConnectionChange::opensCdeAccess).count();
        out.append(TextCounts.count(added, "opening", "openings"))
                .append(" added (")
                .append(intoCde)
                .append(" into the CDE), ")
                .append(diff.count(ConnectionChange.Kind.REMOVED))
                .append(" removed.\n");
        if (diff.opensCdeAccess()) {
            out.append("[!] This change opens new access into the CDE: it needs change-control approval"
                    + " (PCI-DSS 1.2.2).\n");
        }
        return out.toString();
    }

    private static void version(StringBuilder out, String name, PolicySet policySet, String ruleSetSha256) {
        out.append("  ")
                .append(name)
                .append(": ")
                .append(TextCounts.count(policySet.policies().size(), "policy", "policies"))
                .append(", ")
                .append(TextCounts.count(policySet.inventory().workloads().size(), "workload", "workloads"))
                .append(", rule set sha256 ")
                .append(ruleSetSha256, 0, 12)
                .append('\n');
    }

    private static void section(StringBuilder out, String title, ReachabilityDiff diff, boolean cde) {
        TextTable table = new TextTable("", "FROM", "TO", "OPENING");
        for (ConnectionChange change : diff.changes()) {
            if (change.touchesCde() != cde) {
                continue;
            }
            Inventory inventory = (change.kind() == ConnectionChange.Kind.ADDED ? diff.after() : diff.before())
                    .ruleSet()
                    .inventory();
            table.row(
                    change.kind() == ConnectionChange.Kind.ADDED ? "+" : "-",
                    change.from().name(),
                    change.to().name(),
                    Describe.opening(change.from(), change.to(), change.opening(), inventory)
                            + (change.opensCdeAccess() ? "   <- new access into the CDE" : ""));
        }
        if (!table.isEmpty()) {
            out.append(title).append('\n');
            table.appendTo(out, "  ");
            out.append('\n');
        }
    }
}
