package org.pcisegment.kube.format;

import java.util.List;
import java.util.stream.Collectors;

/** RFC 4180 rows: fields with commas, quotes or line breaks are quoted. */
final class Csv {
    private Csv() {}

    static String row(List<String> fields) {
        return fields.stream().map(Csv::field).collect(Collectors.joining(",")) + "\r\n";
    }

    private static String field(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    /** A Markdown table cell: pipes escaped. */
    static String cell(String value) {
        return value.replace("|", "\\|");
    }
}
