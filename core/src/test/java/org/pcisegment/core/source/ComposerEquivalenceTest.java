package org.pcisegment.core.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * {@link YamlLoader} builds values straight from parser events. This test keeps the former way as
 * the reference (snakeyaml's composer builds nodes, which are then converted) and checks that
 * both give the same documents, or the same error, for every YAML file of the project (examples,
 * fixtures, the bad-input corpus) and for anchors, aliases, tags and key errors written here.
 */
class ComposerEquivalenceTest {

    static Stream<Path> projectYamlFiles() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> files = walk.filter(p -> !p.toString().contains("/target/")
                            && !p.toString().contains("/.git/")
                            && !p.toString().contains("/node_modules/"))
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
            assertThat(files).hasSizeGreaterThan(50);
            return files.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("projectYamlFiles")
    void buildsWhatTheComposerBuiltForEveryProjectFile(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = YamlLoader.decode(file.toString(), bytes);
        } catch (InputException notText) {
            return;
        }
        assertSame(file.getFileName().toString(), text);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a: &x [1, 2]\nb: *x\nc: &s str\nd: *s\n",
                "a: &x {k: v}\nb: *x\n---\nc: 1\n",
                "a: &x [1]\nb: &x [2]\nc: *x\n",
                "a: &x [&x 1, 2]\nb: *x\n",
                "? [a, b]\n: value\n",
                "? {a: 1}\n: value\n",
                "a: 1\na: 2\n",
                "a:\n  b: 1\n  b: 2\nb: 3\nb: 4\n",
                "a: 1\na: [\n",
                "a: *missing\n",
                "a: !!str 12\nb: !!int '7'\nc: !custom x\nd: ! 12\ne: '12'\nf: 12\ng: 1.5\nh: true\ni: ~\nj:\n",
                "- 0x1F\n- 0o17\n- +12\n- -.inf\n- .NaN\n- 1e3\n- Null\n- FALSE\n",
                "*x: 1\n",
                "&k key: 1\n*k : 2\n",
                "---\n---\n# only a comment\n---\nx: y\n...\n",
                "[a, {b: c}, [d]]\n",
                "a: |\n  line\n  two\nb: >-\n  folded\n  text\n",
            })
    void buildsWhatTheComposerBuiltForTrickyDocuments(String text) {
        assertSame("t.yaml", text);
    }

    @Test
    void refusesARecursiveAliasWithItsPosition() {
        assertThat(outcome(() -> YamlLoader.parse("t.yaml", "a: &x [1, *x]\n")))
                .isEqualTo("error t.yaml:1:11: alias '*x' refers to a list or mapping that contains it; recursive YAML"
                        + " structures are not supported");
    }

    private static void assertSame(String name, String text) {
        String expected = outcome(() -> reference(name, text));
        String actual = outcome(() -> YamlLoader.parse(name, text, true));
        assertThat(actual).as(name).isEqualTo(expected);
    }

    private static String outcome(java.util.function.Supplier<List<YamlDocument>> load) {
        try {
            return load.get().toString();
        } catch (InputException e) {
            return "error " + e.located();
        }
    }

    /** The former loader: the composer's node tree, converted. Errors are worded as YamlLoader's. */
    private static List<YamlDocument> reference(String name, String text) {
        if (text.isBlank()) {
            return List.of();
        }
        LoadSettings settings = YamlLoader.settings(name);
        List<YamlDocument> documents = new ArrayList<>();
        try {
            Converter converter = new Converter(name);
            Composer composer = new Composer(
                    settings,
                    new YamlLoader.GuardedParser(name, new ParserImpl(settings, new StreamReader(settings, text))));
            while (composer.hasNext()) {
                YamlValue root = converter.convert(composer.next(), 0);
                if (root instanceof YamlScalar s && s.isNull()) {
                    continue;
                }
                documents.add(new YamlDocument(root, root.span()));
            }
        } catch (MarkedYamlEngineException e) {
            throw new InputException(
                    YamlLoader.span(name, e.getProblemMark().or(e::getContextMark)),
                    "YAML syntax error: " + YamlLoader.describe(e));
        } catch (YamlEngineException e) {
            String message = String.valueOf(e.getMessage());
            int newline = message.indexOf('\n');
            throw new InputException(
                    SourceSpan.of(name), "YAML error: " + (newline < 0 ? message : message.substring(0, newline)));
        }
        return documents;
    }

    private static final class Converter {
        private final String name;
        private final Map<Node, YamlValue> converted = new HashMap<>();
        private int nodes;

        Converter(String name) {
            this.name = name;
        }

        YamlValue convert(Node node, int depth) {
            if (depth > YamlLoader.MAX_DEPTH) {
                throw new InputException(span(node), "YAML nesting is too deep (more than 64 levels)");
            }
            if (++nodes > YamlLoader.MAX_NODES) {
                throw new InputException(span(node), "YAML document has more than 5000000 nodes; refusing it");
            }
            YamlValue done = converted.get(node);
            if (done != null) {
                return done;
            }
            YamlValue value = switch (node) {
                case ScalarNode scalar ->
                    new YamlScalar(scalar.getValue(), YamlLoader.scalarType(scalar.getTag()), span(node));
                case SequenceNode sequence -> {
                    List<YamlValue> items = new ArrayList<>();
                    for (Node item : sequence.getValue()) {
                        items.add(convert(item, depth + 1));
                    }
                    yield new YamlList(items, span(node));
                }
                case MappingNode mapping -> convertMapping(mapping, depth);
                default -> throw new IllegalStateException("unexpected node " + node);
            };
            if (node.getAnchor().isPresent()) {
                converted.put(node, value);
            }
            return value;
        }

        private YamlMap convertMapping(MappingNode mapping, int depth) {
            List<YamlMap.Entry> entries = new ArrayList<>();
            Map<String, SourceSpan> seen = new HashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node keyNode = tuple.getKeyNode();
                if (!(keyNode instanceof ScalarNode keyScalar)) {
                    throw new InputException(span(keyNode), "mapping keys must be plain strings");
                }
                String key = keyScalar.getValue();
                SourceSpan keySpan = span(keyNode);
                SourceSpan previous = seen.putIfAbsent(key, keySpan);
                if (previous != null) {
                    throw new InputException(
                            keySpan,
                            "duplicate key '" + key + "' (first defined at line " + previous.line()
                                    + "); each key may appear once");
                }
                entries.add(new YamlMap.Entry(key, keySpan, convert(tuple.getValueNode(), depth + 1)));
            }
            return new YamlMap(entries, span(mapping));
        }

        private SourceSpan span(Node node) {
            return YamlLoader.span(name, node.getStartMark());
        }
    }
}
