package org.pcisegment.core.pci.format;

import org.pcisegment.core.json.Json;
import org.pcisegment.core.pci.Finding;
import tools.jackson.databind.node.ObjectNode;

/** The JSON form of a finding, shared by every JSON output that lists findings. */
public final class FindingJson {
    private FindingJson() {}

    public static ObjectNode of(Finding finding) {
        ObjectNode node = Json.object();
        node.put("ruleId", finding.ruleId());
        node.put("requirement", finding.requirement());
        node.put("severity", finding.severity().lowerName());
        node.put("message", finding.message());
        node.put("file", finding.span().file());
        node.put("line", finding.span().line());
        node.put("column", finding.span().column());
        finding.policy().ifPresent(p -> node.put("policy", p.name()));
        node.put("remediation", finding.remediation());
        return node;
    }
}
