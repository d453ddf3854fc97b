package org.pcisegment.cloud;

import org.pcisegment.core.json.Json;
import org.pcisegment.core.pci.PciRequirements;
import org.pcisegment.core.pci.Severity;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code cloud-validate} output: text for people, JSON (stable field names) for machines. */
public final class CloudReportWriter {
    private CloudReportWriter() {}

    public static String text(CloudReport report) {
        StringBuilder out = new StringBuilder();
        out.append("Cloud validation: ")
                .append(report.scope())
                .append(" (policy set ")
                .append(report.policySetHash())
                .append(")\n")
                .append("Checked ")
                .append(report.groups())
                .append(" group(s) and ")
                .append(report.instances())
                .append(" instance(s).\n\n");
        String resource = null;
        for (CloudFinding finding : report.findings()) {
            if (!finding.resource().equals(resource)) {
                resource = finding.resource();
                out.append('[').append(CloudState.brief(resource)).append("]\n");
            }
            out.append("  ")
                    .append(finding.severity().lowerName().toUpperCase(java.util.Locale.ROOT))
                    .append(' ')
                    .append(finding.check())
                    .append(" (PCI-DSS ")
                    .append(finding.requirement())
                    .append("): ")
                    .append(finding.message())
                    .append("\n      fix: ")
                    .append(finding.remediation())
                    .append('\n');
        }
        if (report.findings().isEmpty()) {
            out.append("No findings: the cloud matches the policies and no CDE instance is open.\n");
        }
        out.append('\n')
                .append(report.compliant() ? "[OK] COMPLIANT" : "[!] NON-COMPLIANT")
                .append(": ")
                .append(report.count(Severity.ERROR))
                .append(" error(s), ")
                .append(report.count(Severity.WARNING))
                .append(" warning(s)\n");
        return out.toString();
    }

    public static String json(CloudReport report, String toolVersion) {
        ObjectNode root = Json.object();
        root.put("tool", "pci-segment");
        root.put("version", toolVersion);
        root.put("provider", report.provider());
        root.put("scope", report.scope());
        root.put("policySetHash", report.policySetHash());
        root.put("compliant", report.compliant());
        ObjectNode summary = root.putObject("summary");
        summary.put("groups", report.groups());
        summary.put("instances", report.instances());
        summary.put("errors", report.count(Severity.ERROR));
        summary.put("warnings", report.count(Severity.WARNING));
        ArrayNode findings = root.putArray("findings");
        for (CloudFinding finding : report.findings()) {
            ObjectNode node = findings.addObject();
            node.put("check", finding.check());
            node.put("requirement", finding.requirement());
            node.put(
                    "requirementTitle",
                    PciRequirements.title(finding.requirement()).orElse(""));
            node.put("severity", finding.severity().lowerName());
            node.put("resource", finding.resource());
            node.put("message", finding.message());
            node.put("remediation", finding.remediation());
        }
        return Json.write(root);
    }
}
