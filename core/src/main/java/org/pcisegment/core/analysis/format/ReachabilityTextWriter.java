package org.pcisegment.core.analysis.format;

import java.util.List;
import org.pcisegment.core.analysis.Connection;
import org.pcisegment.core.analysis.GroupConnection;
import org.pcisegment.core.analysis.Reachability;

/**
 * {@code analyze} text output: CDE flows first, then what the outside world reaches, then the
 * other flows, then the zone-group summary.
 */
public final class ReachabilityTextWriter {
    private ReachabilityTextWriter() {}

    public static String write(Reachability reachability) {
        StringBuilder out = new StringBuilder();
        var policySet = reachability.ruleSet().policySet();
        out.append("Segmentation analysis: ")
                .append(TextCounts.count(policySet.policies().size(), "policy", "policies"))
                .append(", ")
                .append(TextCounts.count(policySet.inventory().workloads().size(), "workload", "workloads"))
                .append(" (")
                .append(reachability.cdeWorkloads())
                .append(" CDE)\n");
        out.append("Rule set sha256: ").append(reachability.ruleSet().sha256()).append("\n\n");
        section(
                out,
                "[CDE] Into, out of and within the CDE (PCI-DSS 1.3.1, 1.3.2)",
                reachability.cdeConnections(),
                reachability);
        section(out, "[EXPOSED] Reachable from outside the inventory", reachability.exposedConnections(), reachability);
        section(out, "[OTHER] Between other inventory workloads", reachability.otherConnections(), reachability);
        out.append("[ZONES] Zone groups\n");
        TextTable groups = new TextTable("FROM", "TO", "ZONE PAIRS", "OPEN");
        for (GroupConnection group : reachability.groups()) {
            groups.row(
                    group.from().label(),
                    group.to().label(),
                    Integer.toString(group.zonePairs()),
                    Describe.services(group.services()));
        }
        appendTable(out, groups);
        out.append('\n')
                .append(TextCounts.count(reachability.connections().size(), "connection", "connections"))
                .append(": ")
                .append(reachability.cdeConnections().size())
                .append(" touch the CDE, ")
                .append(reachability.connections().stream()
                        .filter(Connection::fromOutside)
                        .count())
                .append(" from outside the inventory.\n");
        return out.toString();
    }

    private static void section(
            StringBuilder out, String title, List<Connection> connections, Reachability reachability) {
        out.append(title).append('\n');
        TextTable table = new TextTable("FROM", "TO", "OPEN");
        for (Connection connection : connections) {
            List<String> lines =
                    Describe.openings(connection, reachability.ruleSet().inventory());
            for (int i = 0; i < lines.size(); i++) {
                table.row(
                        i == 0 ? connection.from().name() : "",
                        i == 0 ? connection.to().name() : "",
                        lines.get(i));
            }
        }
        appendTable(out, table);
        out.append('\n');
    }

    private static void appendTable(StringBuilder out, TextTable table) {
        if (table.isEmpty()) {
            out.append("  (none)\n");
        } else {
            table.appendTo(out, "  ");
        }
    }
}
