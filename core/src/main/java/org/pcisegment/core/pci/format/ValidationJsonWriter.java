package org.pcisegment.core.pci.format;

import org.pcisegment.core.json.Json;
import org.pcisegment.core.pci.Finding;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.core.pci.ValidationResult;
import org.pcisegment.core.policy.Policy;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code validate --format json}. Field names are stable and documented in the README: tool,
 * version, valid, policySetSha256, summary, policies[], findings[].
 */
public final class ValidationJsonWriter {
    private ValidationJsonWriter() {}

    public static String write(ValidationResult result, String toolVersion) {
        ObjectNode root = Json.object();
        root.put("tool", "pci-segment");
        root.put("version", toolVersion);
        root.put("valid", result.isValid());
        root.put("policySetSha256", result.policySet().sha256());
        ObjectNode summary = root.putObject("summary");
        summary.put("policies", result.policySet().policies().size());
        summary.put("workloads", result.policySet().inventory().workloads().size());
        summary.put("errors", result.count(Severity.ERROR));
        summary.put("warnings", result.count(Severity.WARNING));
        summary.put("info", result.count(Severity.INFO));
        ArrayNode policies = root.putArray("policies");
        for (Policy policy : result.policySet().policies()) {
            ObjectNode node = policies.addObject();
            node.put("name", policy.name());
            node.put("file", policy.span().file());
            node.put("line", policy.span().line());
            node.put("apiVersion", policy.apiVersion().value());
            node.put("kind", policy.kind().value());
            ArrayNode citations = node.putArray("pciDss");
            policy.pciRequirements().forEach(r -> citations.add(r.value()));
            node.put("valid", result.isValid(policy));
            ArrayNode findings = node.putArray("findings");
            result.findingsFor(policy).forEach(f -> findings.add(FindingJson.of(f)));
        }
        ArrayNode all = root.putArray("findings");
        for (Finding finding : result.findings()) {
            all.add(FindingJson.of(finding));
        }
        return Json.write(root);
    }
}
