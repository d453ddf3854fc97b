package org.pcisegment.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pcisegment.core.json.Json;
import org.pcisegment.core.source.InputException;
import org.pcisegment.core.source.SourceSpan;
import org.pcisegment.report.json.JsonReportWriter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Compares a report with an earlier JSON report of ours: which allowed paths appeared or went, which
 * requirements changed status, which headline figures moved. Both sides are read from reports, so
 * nothing is recomputed.
 */
public final class PreviousReport {
    private PreviousReport() {}

    /** Whether a file is a JSON report of ours (by its format field), without failing on other files. */
    public static boolean isReport(Path file) {
        if (!file.getFileName().toString().endsWith(".json") || !Files.isRegularFile(file)) {
            return false;
        }
        try {
            return Json.MAPPER
                    .readTree(file.toFile())
                    .path("format")
                    .asString("")
                    .startsWith("pci-segment-compliance-report/");
        } catch (JacksonException e) {
            return false;
        }
    }

    public static ComplianceReport.Changes compare(Path previousFile, ComplianceReport current) {
        JsonNode previous;
        try {
            previous = Json.MAPPER.readTree(Files.readString(previousFile));
        } catch (IOException e) {
            throw new InputException(SourceSpan.of(previousFile.toString()), "cannot read: " + e.getMessage());
        } catch (JacksonException e) {
            throw new InputException(SourceSpan.of(previousFile.toString()), "not JSON: " + e.getOriginalMessage());
        }
        if (!JsonReportWriter.FORMAT.equals(previous.path("format").asString(""))) {
            throw new InputException(
                    SourceSpan.of(previousFile.toString()),
                    "not a pci-segment report (format '" + JsonReportWriter.FORMAT + "' expected)");
        }
        JsonNode now = JsonReportWriter.tree(current);
        Set<String> before = paths(previous);
        Set<String> after = paths(now);
        List<String> added = after.stream().filter(p -> !before.contains(p)).toList();
        List<String> removed = before.stream().filter(p -> !after.contains(p)).toList();
        List<String> notes = new ArrayList<>();
        notes.add("Previous report generated "
                + previous.path("report").path("generated_at").asString("?") + " on policy set "
                + previous.path("report").path("policy_set_sha256").asString("?") + ".");
        if (!previous.has("network") || previous.get("network").isNull()) {
            notes.add("The previous report holds no reachability, so added and removed paths are not compared.");
        }
        figures(previous.path("summary"), now.path("summary"), notes);
        statuses(previous.path("requirements"), now.path("requirements"), notes);
        return new ComplianceReport.Changes(previousFile.toString(), added, removed, notes);
    }

    private static Set<String> paths(JsonNode report) {
        Set<String> paths = new LinkedHashSet<>();
        for (JsonNode reach : report.path("network").path("reachability")) {
            paths.add(reach.path("from").asString() + " -> " + reach.path("to").asString() + ": "
                    + reach.path("services").asString());
        }
        return paths;
    }

    private static void figures(JsonNode before, JsonNode after, List<String> notes) {
        for (String field : List.of(
                "status",
                "policies",
                "workloads",
                "cde_workloads",
                "flows_into_cde",
                "flows_out_of_cde",
                "internet_exposed_cde",
                "blocked_events",
                "allowed_events",
                "audit_integrity")) {
            String was = before.path(field).toString();
            String is = after.path(field).toString();
            if (!was.equals(is)) {
                notes.add(field + ": " + was + " -> " + is);
            }
        }
    }

    private static void statuses(JsonNode before, JsonNode after, List<String> notes) {
        Map<String, String> was = new LinkedHashMap<>();
        for (Iterator<JsonNode> it = before.iterator(); it.hasNext(); ) {
            JsonNode r = it.next();
            was.put(r.path("id").asString(), r.path("status").asString());
        }
        for (JsonNode r : after) {
            String id = r.path("id").asString();
            String status = r.path("status").asString();
            String previous = was.get(id);
            if (previous != null
                    && !previous.equals(status)
                    && !r.path("section").asBoolean()) {
                notes.add("requirement " + id + ": " + previous + " -> " + status);
            }
        }
    }
}
