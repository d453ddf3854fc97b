package org.pcisegment.kube.format;

import java.util.List;
import org.pcisegment.core.json.Json;
import org.pcisegment.core.pci.Finding;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.core.pci.format.FindingJson;
import org.pcisegment.core.pci.format.ValidationTextWriter;
import org.pcisegment.kube.check.CheckOptions;
import org.pcisegment.kube.manifest.Cluster;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Writes {@code kube check}: findings as text (the shape of {@code validate}) or JSON. */
public final class CheckReportWriter {
    private CheckReportWriter() {}

    public static String text(Cluster cluster, CheckOptions options, List<Finding> findings, boolean verbose) {
        StringBuilder out = new StringBuilder();
        out.append("[KUBE CHECK] ")
                .append(count(cluster.workloads().size(), "workload", "workloads"))
                .append(" in ")
                .append(count(cluster.namespaces().size(), "namespace", "namespaces"))
                .append(", ")
                .append(count(cluster.nodes().size(), "node", "nodes"))
                .append(", ")
                .append(count(cluster.services().size(), "service", "services"))
                .append("\n   CDE: pods or namespaces labelled ")
                .append(options.cde())
                .append("; CDE nodes labelled ")
                .append(options.cdeNodeLabel())
                .append(" and tainted ")
                .append(options.cdeTaint())
                .append('\n');
        appendSection(out, "Errors", findings.stream().filter(Finding::isError).toList(), verbose);
        appendSection(
                out, "Warnings", findings.stream().filter(f -> !f.isError()).toList(), verbose);
        long errors = findings.stream().filter(Finding::isError).count();
        out.append("\nChecked CDE placement and exposure: ")
                .append(count(errors, "error", "errors"))
                .append(", ")
                .append(count(findings.size() - errors, "warning", "warnings"))
                .append("\n\n")
                .append(
                        errors == 0
                                ? "[OK] CDE pods are placed and exposed as PCI-DSS requires\n"
                                : "[!] CDE placement or exposure violates PCI-DSS\n");
        return out.toString();
    }

    private static void appendSection(StringBuilder out, String title, List<Finding> findings, boolean verbose) {
        if (findings.isEmpty()) {
            return;
        }
        out.append("   ").append(title).append(":\n");
        findings.forEach(finding -> ValidationTextWriter.appendFinding(out, finding, verbose));
    }

    public static String json(List<Finding> findings) {
        ObjectNode root = Json.object();
        long errors = findings.stream().filter(Finding::isError).count();
        root.put("compliant", errors == 0);
        root.put("errors", errors);
        root.put(
                "warnings",
                findings.stream().filter(f -> f.severity() == Severity.WARNING).count());
        ArrayNode list = root.putArray("findings");
        findings.forEach(f -> list.add(FindingJson.of(f)));
        return Json.write(root);
    }

    private static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
