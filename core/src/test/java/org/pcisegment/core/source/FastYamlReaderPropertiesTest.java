package org.pcisegment.core.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Random block-YAML streams (nested mappings, lists, indentless and compact forms, flow
 * collections, comments, document markers, CRLF) read by {@link FastYamlReader} and by snakeyaml:
 * either the fast reader declines a document or it builds snakeyaml's tree; and streams shaped like
 * policies are always read by the fast reader, so that it cannot quietly decline everything.
 */
class FastYamlReaderPropertiesTest {
    /** Scalar pieces that look like syntax, like other core-schema types, or are not plain ASCII. */
    private static final String[] TRICKY = {
        "a",
        "b",
        "key",
        "1",
        "0",
        "-",
        ".",
        ":",
        " ",
        "  ",
        "#",
        "'",
        "\"",
        ",",
        "[",
        "]",
        "{",
        "}",
        "~",
        "null",
        "Null",
        "true",
        "FALSE",
        "0x1F",
        "0o7",
        "1e3",
        ".inf",
        "-.5",
        "+1",
        "<<",
        "&a",
        "*a",
        "!t",
        "|",
        ">",
        "?",
        "%",
        "@",
        "`",
        "\\",
        "/",
        "_",
        "=",
        "$",
        "${x}",
        "--",
        "---",
        "...",
        "\u00e9",
        "\t",
        "10.0.0.0/24",
        ": ",
        " #",
        "- ",
        "''",
        "\\n"
    };

    private static final String[] TYPICAL_KEYS = {
        "apiVersion", "kind", "name", "labels", "app", "pci-env", "cidr", "port", "protocol", "from", "to", "tier"
    };

    private static final String[] TYPICAL_VALUES = {
        "pci-segment/v1", "NetworkPolicy", "cde", "web-1", "10.1.2.0/24", "443", "-1", "TCP", "true", "Ingress",
        "1.5", "null", "~", "0x1F", "a b c", "http://x:80/y", "v1.2-rc", "_x", "$HOME", "'Req 1.3.1, Req 1.3.2'",
        "\"generated policy 0\"", "'it''s'", "\"\"", "''"
    };

    @Provide
    Arbitrary<String> trickyYaml() {
        return Arbitraries.randomValue(random -> new YamlWriter(random, true).stream());
    }

    @Provide
    Arbitrary<String> typicalYaml() {
        return Arbitraries.randomValue(random -> new YamlWriter(random, false).stream());
    }

    @Property(tries = 3000)
    void readsRandomBlockYamlAsSnakeyamlDoesOrDeclines(@ForAll("trickyYaml") String text) {
        FastYamlDifferential.Verdict verdict = FastYamlDifferential.check("t.yaml", text);
        Statistics.label("fast reader")
                .collect(verdict.allAccepted() ? "read every document" : "declined some")
                .coverage(check -> check.check("read every document").percentage(p -> p >= 10.0));
    }

    @Property(tries = 1000)
    void readsPolicyShapedYamlItself(@ForAll("typicalYaml") String text) {
        assertThat(FastYamlDifferential.check("t.yaml", text).allAccepted())
                .as("fast reader reads:%n%s", text)
                .isTrue();
    }

    /** Writes one random stream of block YAML documents. */
    private static final class YamlWriter {
        private static final int MAX_DEPTH = 5;

        private final Random random;
        private final boolean tricky;
        private final StringBuilder out = new StringBuilder();

        YamlWriter(Random random, boolean tricky) {
            this.random = random;
            this.tricky = tricky;
        }

        String stream() {
            int documents = 1 + random.nextInt(3);
            for (int d = 0; d < documents; d++) {
                if (d > 0 || random.nextInt(3) == 0) {
                    out.append("---");
                    endLine();
                }
                int indent = random.nextInt(8) == 0 ? 2 : 0;
                switch (random.nextInt(10)) {
                    case 0 -> {
                        pad(indent);
                        out.append(random.nextBoolean() ? scalar() : flow(0));
                        endLine();
                    }
                    case 1, 2, 3 -> sequence(indent, false, 0);
                    default -> mapping(indent, false, 0);
                }
                if (random.nextInt(5) == 0) {
                    out.append("...");
                    endLine();
                }
            }
            String text = out.toString();
            if (random.nextInt(5) == 0) {
                text = text.replace("\n", "\r\n");
            }
            if (random.nextInt(5) == 0) {
                text = text.stripTrailing();
            }
            return text;
        }

        private void mapping(int indent, boolean compact, int depth) {
            Set<String> keys = new HashSet<>();
            int entries = 1 + random.nextInt(4);
            for (int i = 0; i < entries; i++) {
                if (i > 0 || !compact) {
                    pad(indent);
                }
                String key = key();
                if (!tricky && !keys.add(key)) {
                    key = key + i;
                }
                out.append(key).append(':');
                value(indent, depth);
            }
        }

        private void value(int indent, int depth) {
            switch (random.nextInt(depth >= MAX_DEPTH ? 3 : 6)) {
                case 0 -> {
                    out.append(' ').append(scalar());
                    endLine();
                }
                case 1 -> {
                    out.append(' ').append(flow(depth + 1));
                    endLine();
                }
                case 2 -> endLine();
                case 3 -> {
                    endLine();
                    mapping(indent + step(), false, depth + 1);
                }
                case 4 -> {
                    endLine();
                    sequence(indent + step(), false, depth + 1);
                }
                default -> {
                    endLine();
                    sequence(indent, false, depth + 1);
                }
            }
        }

        private void sequence(int indent, boolean compact, int depth) {
            int items = 1 + random.nextInt(4);
            for (int i = 0; i < items; i++) {
                if (i > 0 || !compact) {
                    pad(indent);
                }
                out.append('-');
                int gap = random.nextInt(4) == 0 ? 3 : 1;
                switch (random.nextInt(depth >= MAX_DEPTH ? 3 : 6)) {
                    case 0 -> {
                        out.append(" ".repeat(gap)).append(scalar());
                        endLine();
                    }
                    case 1 -> {
                        out.append(" ".repeat(gap)).append(flow(depth + 1));
                        endLine();
                    }
                    case 2 -> endLine();
                    case 3 -> {
                        out.append(" ".repeat(gap));
                        mapping(indent + 1 + gap, true, depth + 1);
                    }
                    case 4 -> {
                        endLine();
                        mapping(indent + step(), false, depth + 1);
                    }
                    default -> {
                        out.append(" ".repeat(gap));
                        sequence(indent + 1 + gap, true, depth + 1);
                    }
                }
            }
        }

        private String flow(int depth) {
            boolean sequence = random.nextBoolean();
            int items = depth >= MAX_DEPTH ? 0 : random.nextInt(4);
            Set<String> keys = new HashSet<>();
            StringBuilder flow = new StringBuilder(sequence ? "[" : "{");
            for (int i = 0; i < items; i++) {
                if (i > 0) {
                    flow.append(random.nextInt(4) == 0 ? "," : ", ");
                }
                if (!sequence) {
                    String key = key();
                    flow.append(!tricky && !keys.add(key) ? key + i : key).append(": ");
                }
                flow.append(random.nextInt(4) == 0 ? flow(depth + 1) : flowScalar());
            }
            return flow.append(sequence ? "]" : "}").toString();
        }

        private String key() {
            if (!tricky) {
                return pick(TYPICAL_KEYS);
            }
            return random.nextInt(3) == 0 ? scalar() : pick(TYPICAL_KEYS);
        }

        private String scalar() {
            // Tricky streams mix in typical values, so that many of their documents are readable.
            if (!tricky || random.nextBoolean()) {
                return pick(TYPICAL_VALUES);
            }
            StringBuilder text = new StringBuilder();
            int pieces = 1 + random.nextInt(3);
            for (int i = 0; i < pieces; i++) {
                text.append(pick(TRICKY));
            }
            return switch (random.nextInt(4)) {
                case 0 -> "'" + text.toString().replace("'", "''") + "'";
                case 1 -> "\"" + text + "\"";
                default -> text.toString();
            };
        }

        /** Typical flow items are plain words and numbers, as policies write them. */
        private String flowScalar() {
            if (!tricky) {
                return pick(new String[] {"Ingress", "Egress", "t1", "10.0.0.1", "80", "'x, y'", "\"a\""});
            }
            return scalar();
        }

        /** Ends a line, maybe after trailing spaces or a comment, maybe followed by blank or comment lines. */
        private void endLine() {
            switch (random.nextInt(8)) {
                case 0 -> out.append("  ");
                case 1 -> out.append(" # ").append(tricky ? pick(TRICKY) : "note");
                default -> {}
            }
            out.append('\n');
            while (random.nextInt(6) == 0) {
                if (random.nextBoolean()) {
                    pad(random.nextInt(6));
                    out.append("# comment");
                }
                out.append('\n');
            }
        }

        private int step() {
            return switch (random.nextInt(6)) {
                case 0 -> 1;
                case 1 -> 4;
                default -> 2;
            };
        }

        private void pad(int indent) {
            out.append(" ".repeat(indent));
        }

        private String pick(String[] choices) {
            return choices[random.nextInt(choices.length)];
        }
    }
}
