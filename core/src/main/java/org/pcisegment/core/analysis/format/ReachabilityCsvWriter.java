package org.pcisegment.core.analysis.format;

import org.pcisegment.core.analysis.Connection;
import org.pcisegment.core.analysis.Opening;
import org.pcisegment.core.analysis.Reachability;

/**
 * {@code analyze --format csv} (RFC 4180): one row per opening, in the order of the text output.
 * Address columns hold blocks separated by spaces.
 */
public final class ReachabilityCsvWriter {
    private ReachabilityCsvWriter() {}

    public static String write(Reachability reachability) {
        StringBuilder out = new StringBuilder(
                "from,to,from_group,to_group,cde,from_outside,protocol,ports,from_addresses,to_addresses\r\n");
        var inventory = reachability.ruleSet().inventory();
        for (Connection connection : reachability.connections()) {
            for (Opening opening : connection.openings()) {
                out.append(String.join(
                                ",",
                                field(connection.from().name()),
                                field(connection.to().name()),
                                connection.from().group().id(),
                                connection.to().group().id(),
                                Boolean.toString(connection.touchesCde()),
                                Boolean.toString(connection.fromOutside()),
                                opening.protocol().name(),
                                field(opening.ports().toString()),
                                field(String.join(" ", Describe.blocks(connection.from(), opening.from(), inventory))),
                                field(String.join(" ", Describe.blocks(connection.to(), opening.to(), inventory)))))
                        .append("\r\n");
            }
        }
        return out.toString();
    }

    /** Quotes a field when it holds a comma, quote or line break. */
    static String field(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
