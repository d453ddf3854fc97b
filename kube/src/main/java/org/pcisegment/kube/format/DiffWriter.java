package org.pcisegment.kube.format;

import java.util.List;
import org.pcisegment.core.json.Json;
import org.pcisegment.kube.analysis.ConnectivityDiff;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes {@code kube diff}: the np-guard text form ({@code Connectivity diff:} and one line per
 * changed pair, CDE pairs first; nothing at all when nothing changed), JSON, CSV or Markdown.
 */
public final class DiffWriter {
    private DiffWriter() {}

    public static String write(ConnectivityDiff diff, OutputFormat format) {
        return switch (format) {
            case txt -> text(diff);
            case json -> json(diff);
            case csv -> csv(diff);
            case md -> markdown(diff);
            case dot, mermaid -> throw new IllegalArgumentException("kube diff has no " + format + " output");
        };
    }

    private static String text(ConnectivityDiff diff) {
        if (diff.changes().isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("Connectivity diff:\n");
        diff.changes().forEach(change -> out.append(change.line()).append('\n'));
        return out.toString();
    }

    private static String json(ConnectivityDiff diff) {
        ObjectNode root = Json.object();
        root.put("opens_cde", diff.opensCde());
        ArrayNode rows = root.putArray("changes");
        for (ConnectivityDiff.Change change : diff.changes()) {
            ObjectNode row = rows.addObject();
            row.put("diff_type", change.kind().name());
            row.put("src", change.source());
            row.put("dst", change.destination());
            row.put("ref1", change.before().toString());
            row.put("ref2", change.after().toString());
            change.workloadsInfo().ifPresent(i -> row.put("workloads_diff_info", i));
            row.put("src_cde", change.sourceInCde());
            row.put("dst_cde", change.destinationInCde());
            row.put("opens_cde", change.opensCde());
        }
        return Json.write(root);
    }

    private static String csv(ConnectivityDiff diff) {
        StringBuilder out = new StringBuilder(Csv.row(List.of(
                "diff-type", "source", "destination", "ref1", "ref2", "workloads-diff-info", "src_cde", "dst_cde")));
        for (ConnectivityDiff.Change change : diff.changes()) {
            out.append(Csv.row(List.of(
                    change.kind().name(),
                    change.source(),
                    change.destination(),
                    change.before().toString(),
                    change.after().toString(),
                    change.workloadsInfo().orElse(""),
                    Boolean.toString(change.sourceInCde()),
                    Boolean.toString(change.destinationInCde()))));
        }
        return out.toString();
    }

    private static String markdown(ConnectivityDiff diff) {
        StringBuilder out =
                new StringBuilder("| diff-type | source | destination | ref1 | ref2 | workloads-diff-info | CDE |\n"
                        + "| --- | --- | --- | --- | --- | --- | --- |\n");
        for (ConnectivityDiff.Change change : diff.changes()) {
            String cde = change.opensCde() ? "**opens access into the CDE**" : change.touchesCde() ? "yes" : "";
            out.append("| ")
                    .append(String.join(
                            " | ",
                            change.kind().name(),
                            Csv.cell(change.source()),
                            Csv.cell(change.destination()),
                            Csv.cell(change.before().toString()),
                            Csv.cell(change.after().toString()),
                            Csv.cell(change.workloadsInfo().orElse("")),
                            cde))
                    .append(" |\n");
        }
        return out.toString();
    }
}
