package org.pcisegment.core.analysis.format;

import org.pcisegment.core.ir.PolicyOrigin;
import org.pcisegment.core.ir.Rule;
import org.pcisegment.core.ir.SideDecision;
import org.pcisegment.core.ir.Verdict;
import org.pcisegment.core.json.Json;
import org.pcisegment.core.source.SourceSpan;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code explain --format json}: verdict (ALLOW/DENY), reason (denials only), flow, source and
 * destination (workload, cde, direction, decision: outside|unrestricted|allowed|denied,
 * restrictedBy[], rules[]), and rules[]: every rule that admitted the flow.
 */
public final class ExplainJsonWriter {
    private ExplainJsonWriter() {}

    public static String write(Verdict verdict, String toolVersion) {
        ObjectNode root = Json.object();
        root.put("tool", "pci-segment");
        root.put("version", toolVersion);
        root.put("verdict", verdict.action().name());
        verdict.reason().ifPresent(reason -> root.put("reason", reason.text()));
        ObjectNode flow = root.putObject("flow");
        flow.put("source", verdict.flow().source().toString());
        flow.put("destination", verdict.flow().destination().toString());
        flow.put("protocol", verdict.flow().protocol().name());
        flow.put("port", verdict.flow().port());
        root.set("source", side(verdict.source()));
        root.set("destination", side(verdict.destination()));
        ArrayNode rules = root.putArray("rules");
        verdict.matchedRules().forEach(rule -> rules.add(rule(rule)));
        return Json.write(root);
    }

    private static ObjectNode side(SideDecision decision) {
        ObjectNode node = Json.object();
        decision.workload().ifPresent(w -> {
            node.put("workload", w.name());
            node.put("cde", w.isCde());
        });
        node.put("direction", decision.direction().sectionField());
        node.put("allows", decision.allows());
        ArrayNode restrictedBy = Json.array();
        ArrayNode rules = Json.array();
        String kind = switch (decision) {
            case SideDecision.Outside outside -> "outside";
            case SideDecision.Unrestricted unrestricted -> "unrestricted";
            case SideDecision.Allowed allowed -> {
                allowed.rules().forEach(rule -> rules.add(rule(rule)));
                yield "allowed";
            }
            case SideDecision.Denied denied -> {
                for (PolicyOrigin origin : denied.restrictedBy()) {
                    ObjectNode o = restrictedBy.addObject();
                    o.put("policy", origin.policy());
                    position(o, origin.span());
                }
                node.put("rulesConsidered", denied.rulesConsidered());
                yield "denied";
            }
        };
        node.put("decision", kind);
        node.set("restrictedBy", restrictedBy);
        node.set("rules", rules);
        return node;
    }

    private static ObjectNode rule(Rule rule) {
        ObjectNode node = Json.object();
        node.put("policy", rule.origin().policy());
        node.put("rule", rule.origin().rule());
        position(node, rule.origin().span());
        node.put("workload", rule.subject().name());
        node.put("direction", rule.direction().sectionField());
        node.put("protocol", rule.protocol().name());
        node.put("ports", rule.ports().toString());
        node.put("peer", rule.peer().toString());
        return node;
    }

    private static void position(ObjectNode node, SourceSpan span) {
        node.put("file", span.file());
        node.put("line", span.line());
        node.put("column", span.column());
    }
}
