package org.pcisegment.core.analysis.format;

import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.ir.PolicyOrigin;
import org.pcisegment.core.ir.Rule;
import org.pcisegment.core.ir.SideDecision;
import org.pcisegment.core.ir.Verdict;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.policy.Direction;

/** {@code explain} text output: the verdict, then what each end decided and why, with file:line. */
public final class ExplainTextWriter {
    private ExplainTextWriter() {}

    public static String write(Verdict verdict) {
        StringBuilder out = new StringBuilder();
        out.append(verdict.action()).append(' ').append(verdict.flow());
        verdict.reason().ifPresent(reason -> out.append(": ").append(reason.text()));
        out.append('\n');
        side(out, "source     ", verdict.flow().source(), verdict.source(), verdict);
        side(out, "destination", verdict.flow().destination(), verdict.destination(), verdict);
        return out.toString();
    }

    private static void side(
            StringBuilder out, String role, IpAddress address, SideDecision decision, Verdict verdict) {
        out.append("  ").append(role).append(' ').append(address).append(": ");
        out.append(decision.workload().map(ExplainTextWriter::workload).orElse("outside the inventory"));
        out.append('\n');
        String direction = decision.direction().sectionField();
        boolean egress = decision.direction() == Direction.EGRESS;
        IpAddress peer = egress ? verdict.flow().destination() : verdict.flow().source();
        String towards = egress ? " to " : " from ";
        switch (decision) {
            case SideDecision.Outside outside ->
                out.append("    unconstrained: nothing enforces ")
                        .append(direction)
                        .append(" there\n");
            case SideDecision.Unrestricted unrestricted ->
                out.append("    ")
                        .append(direction)
                        .append(" allowed: no policy selecting it restricts ")
                        .append(direction)
                        .append('\n');
            case SideDecision.Allowed allowed -> {
                out.append("    ").append(direction).append(" allowed by:\n");
                for (Rule rule : allowed.rules()) {
                    out.append("      ")
                            .append(rule.origin().policy())
                            .append(' ')
                            .append(rule.origin().rule())
                            .append(" at ")
                            .append(rule.origin().span())
                            .append(" (")
                            .append(Describe.service(rule.protocol(), rule.ports()))
                            .append(towards)
                            .append(rule.peer())
                            .append(")\n");
                }
            }
            case SideDecision.Denied denied ->
                out.append("    ")
                        .append(direction)
                        .append(" denied: restricted by ")
                        .append(String.join(
                                ", ",
                                denied.restrictedBy().stream()
                                        .map(PolicyOrigin::toString)
                                        .toList()))
                        .append("; none of their ")
                        .append(TextCounts.count(denied.rulesConsidered(), direction + " rule", direction + " rules"))
                        .append(" admits ")
                        .append(verdict.flow().protocol().name())
                        .append(" port ")
                        .append(verdict.flow().port())
                        .append(towards)
                        .append(peer)
                        .append('\n');
        }
    }

    private static String workload(Workload workload) {
        return workload.name() + (workload.isCde() ? " (CDE)" : " (non-CDE)");
    }
}
