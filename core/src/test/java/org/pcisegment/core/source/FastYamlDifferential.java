package org.pcisegment.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks {@link FastYamlReader} against snakeyaml on one text: every chunk the fast reader accepts
 * must give snakeyaml's documents (structure, text, type, line and column of every node) and node
 * count, and {@link YamlLoader#parse} must end as it does with snakeyaml alone, errors included.
 * A mismatch prints both trees, one node a line, around the first difference.
 */
final class FastYamlDifferential {
    private FastYamlDifferential() {}

    /** How many chunks of a text the fast reader accepted and declined. */
    record Verdict(int accepted, int declined) {
        boolean allAccepted() {
            return declined == 0;
        }
    }

    static Verdict check(String name, String text) {
        assertSameLines(
                name + " through YamlLoader.parse",
                outcome(() -> YamlLoader.parse(name, text, true, false)),
                outcome(() -> YamlLoader.parse(name, text, true, true)),
                text);
        Optional<List<DocumentChunk>> chunks = DocumentChunk.split(text);
        if (chunks.isEmpty()) {
            return new Verdict(0, 1);
        }
        // One reader for all chunks, as YamlLoader reads them: what one chunk leaves must not matter.
        FastYamlReader reader = new FastYamlReader(name, text);
        int accepted = 0;
        int declined = 0;
        for (DocumentChunk chunk : chunks.get()) {
            Optional<DocumentChunk.Contents> fast = reader.read(chunk);
            if (fast.isEmpty()) {
                declined++;
                continue;
            }
            accepted++;
            String chunkText = text.substring(chunk.start(), chunk.end());
            Optional<DocumentChunk.Contents> reference = YamlLoader.readChunkWithSnakeyaml(name, text, chunk);
            if (reference.isEmpty()) {
                fail("the fast reader accepted a chunk that snakeyaml rejects, in %s:%n%s", name, chunkText);
            }
            assertSameLines(
                    name + " chunk at line " + (chunk.firstLine() + 1),
                    dump(reference.get().documents()),
                    dump(fast.get().documents()),
                    chunkText);
            assertThat(fast.get().nodes())
                    .as("nodes counted in %s chunk at line %d", name, chunk.firstLine() + 1)
                    .isEqualTo(reference.get().nodes());
        }
        return new Verdict(accepted, declined);
    }

    private static List<String> outcome(java.util.function.Supplier<List<YamlDocument>> load) {
        try {
            return dump(load.get());
        } catch (InputException e) {
            return List.of("error " + e.located());
        }
    }

    /** One line a node: its kind or type, its text, its line and column. */
    static List<String> dump(List<YamlDocument> documents) {
        List<String> lines = new ArrayList<>();
        for (YamlDocument document : documents) {
            lines.add("document " + position(document.span()));
            dump(document.root(), "  ", lines);
        }
        return lines;
    }

    private static void dump(YamlValue value, String indent, List<String> lines) {
        switch (value) {
            case YamlMap map -> {
                lines.add(indent + "mapping " + position(map.span()));
                for (YamlMap.Entry entry : map.entries()) {
                    lines.add(indent + "  key " + quoted(entry.key()) + " " + position(entry.keySpan()));
                    dump(entry.value(), indent + "    ", lines);
                }
            }
            case YamlList list -> {
                lines.add(indent + "list " + position(list.span()));
                for (YamlValue item : list.items()) {
                    dump(item, indent + "  ", lines);
                }
            }
            case YamlScalar scalar ->
                lines.add(indent + scalar.type() + " " + quoted(scalar.text()) + " " + position(scalar.span()));
        }
    }

    private static String position(SourceSpan span) {
        return span.file() + "@" + span.line() + ":" + span.column();
    }

    private static String quoted(String text) {
        return "'" + OneLine.escape(text) + "'";
    }

    private static void assertSameLines(String what, List<String> expected, List<String> actual, String text) {
        if (expected.equals(actual)) {
            return;
        }
        int first = 0;
        while (first < expected.size()
                && first < actual.size()
                && expected.get(first).equals(actual.get(first))) {
            first++;
        }
        int from = Math.max(0, first - 5);
        fail(
                "%s differs from snakeyaml at node %d%n--- snakeyaml%n%s%n--- fast reader%n%s%n--- text%n%s",
                what,
                first,
                String.join("\n", expected.subList(from, Math.min(expected.size(), first + 5))),
                String.join("\n", actual.subList(from, Math.min(actual.size(), first + 5))),
                text.length() <= 4000 ? text : text.substring(0, 4000) + "...");
    }
}
