package org.pcisegment.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code # expect: RULE-ID} comments of a fixture, Error Prone style: each names a rule whose
 * finding must be reported on that very line. A marker may list several ids (one per expected
 * finding, so an id written twice expects two findings on the line), each optionally followed by
 * a quoted fragment of the message: {@code # expect: PCI-SCHEMA-PORT "out of range"}.
 */
public final class ExpectMarkers {
    private static final Pattern MARKER = Pattern.compile("#\\s*expect:\\s*(.+)$");
    private static final Pattern ITEM = Pattern.compile("\\s*([A-Z][A-Z0-9-]*)(?:\\s+\"([^\"]*)\")?\\s*(,|$)");

    /** One expected finding: the rule, the 1-based line, and a fragment its message must contain. */
    public record Expectation(String ruleId, int line, Optional<String> messageFragment) {}

    private ExpectMarkers() {}

    public static List<Expectation> parse(String text) {
        List<Expectation> expectations = new ArrayList<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher marker = MARKER.matcher(lines.get(i));
            if (!marker.find()) {
                continue;
            }
            String items = marker.group(1).strip();
            Matcher item = ITEM.matcher(items);
            int position = 0;
            while (position < items.length()) {
                if (!item.find(position) || item.start() != position) {
                    throw new IllegalArgumentException("malformed expect marker on line " + (i + 1) + ": '"
                            + lines.get(i) + "'; write '# expect: RULE-ID' or '# expect: RULE-ID \"fragment\"'");
                }
                expectations.add(new Expectation(item.group(1), i + 1, Optional.ofNullable(item.group(2))));
                position = item.end();
            }
        }
        return expectations;
    }
}
