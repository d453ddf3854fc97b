package org.pcisegment.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link FastYamlReader} builds what snakeyaml builds, or declines: over every YAML and JSON file
 * of the project (examples, fixtures, the bad-input corpus) and of the shared oracle data, and over
 * hand-written cases it must read itself and cases it must leave to snakeyaml.
 */
class FastYamlReaderTest {
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    static Stream<Path> yamlFiles() throws IOException {
        Path oracles = REPOSITORY.resolve("../shared/oracles").normalize();
        assertThat(oracles).as("shared oracle data beside the repository").isDirectory();
        List<Path> files = Stream.concat(filesUnder(REPOSITORY).stream(), filesUnder(oracles).stream())
                .toList();
        assertThat(files).hasSizeGreaterThan(300);
        return files.stream();
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> !p.toString().contains("/target/")
                            && !p.toString().contains("/.git/")
                            && !p.toString().contains("/node_modules/"))
                    .filter(p -> p.toString().endsWith(".yaml")
                            || p.toString().endsWith(".yml")
                            || p.toString().endsWith(".json"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        }
    }

    @ParameterizedTest
    @MethodSource("yamlFiles")
    void readsEveryFileAsSnakeyamlDoesOrDeclines(Path file) throws IOException {
        String text;
        try {
            text = YamlLoader.decode(file.toString(), Files.readAllBytes(file));
        } catch (InputException notText) {
            return;
        }
        FastYamlDifferential.check(file.getFileName().toString(), text);
    }

    @Test
    void readsTheExamplePoliciesAndInventoryItself() throws IOException {
        for (Path file : filesUnder(REPOSITORY.resolve("examples/policies"))) {
            assertThat(FastYamlDifferential.check(file.toString(), Files.readString(file))
                            .allAccepted())
                    .as("fast reader reads %s", file)
                    .isTrue();
        }
        Path inventory = REPOSITORY.resolve("examples/inventory.yaml");
        assertThat(FastYamlDifferential.check("inventory.yaml", Files.readString(inventory))
                        .allAccepted())
                .isTrue();
    }

    /** Common YAML, with limits approached from below: the fast reader must read all of it. */
    static Stream<String> commonYaml() {
        return Stream.of(
                "a: 1 # comment\nb: 'x' # c\nc: \"y\"   # c\nd: [1, 2] # c\ne: {f: g}  # c\n",
                "key:\n- a\n- b\nnext:\n  - c\n  -  d\nlast: 1\n",
                "- a: b\n  c: d\n- e: f\n-   g: h\n    i:\n    - j\n",
                "'quoted key': 1\n\"double key\": 2\n'it''s': 3\nplain key: 4\n",
                "a: 'it''s'\nb: ''''\nc: ''\nd: \"\"\n",
                "a: b#c\nd: '#x'\ne: \"#y\"\nf: x # y # z\n",
                "a: b   \nc: 'd'  \ne:   \n",
                "url: http://x:80/y?q=1&r\ntime: 10:30\nq: \"b: c\"\nimage: nginx:1.25\n",
                "a: []\nb: {}\nc: [ ]\nd: { }\ne: [[], {}]\n",
                "# only a comment\n",
                "# only comments\n---\n# another\n---\n",
                "a: 1\n...\n---\nb: 2\n... # end\n# after\n",
                "a: 1\r\nb:\r\n  - x\r\n  - [y, z]\r\n# c\r\n---\r\nc: d\r\n",
                "a: 1\nb: 2",
                "a:\nb:\n",
                "a:\n  b:\nc: 1\n",
                "-\n- \n- # c\n-\n  x\n",
                "a:\n  b:\n    c: [x, {y: z, w: [1, '2', \"3\"]}]\n",
                "- - a\n  - b\n- c\n- - - d\n",
                "hello world\n",
                "{a: 1, b: [2, 3]}\n",
                "[a, 'b', \"c\", -1, .5, x y]\n",
                "- 0x1F\n- 0o17\n- +12\n- -.inf\n- .NaN\n- 1e3\n- Null\n- FALSE\n- ~\n- null\n- 1.5\n- -3\n"
                        + "- 10.0.0.0/8\n- true\n- tRUE\n- 1_000\n- 0b1\n- 1.\n- +.5e-3\n- 12:30\n- .\n- -\n",
                "a:\n  # comment between\n  b: 1\n# dedented comment\n      # deeper comment\n  c: 2\n",
                "  a: 1\n  b:\n    - x\n",
                "---\n---\na: 1\n---\n...\n",
                "a: b\n\n\n   \nc: d\n  \n",
                "a b: c d\ne  f: g  h\n",
                "a: -1\nb: -a\nc: .5\nd: -.5\ne: $x\nf: ~/x\ng: _x\n",
                "a: x,y\nb: x]y\nc: x}y\nd: x{y\ne: a'b\nf: a\"b\ng: a:b\nh: a!b\ni: a&b\nj: a*b\n",
                "{\"a\": 1, \"b\": [true, null, \"x\"], \"c\": {\"d\": -2.5}}\n",
                "--- # starts here\na: 1\n",
                "---\nplain root scalar\n",
                "---\n'quoted root scalar'\n...\n",
                "a: 1\n---\n- x\n---\n[y]\n---\nz\n",
                "key with a colon:: x\n",
                "x: " + "[".repeat(63) + "]".repeat(63) + "\n",
                "k".repeat(1000) + ": v\n",
                "m: {'" + "k".repeat(998) + "': v}\n");
    }

    @ParameterizedTest
    @MethodSource("commonYaml")
    void readsCommonYamlItselfAsSnakeyamlDoes(String text) {
        assertThat(FastYamlDifferential.check("t.yaml", text).allAccepted())
                .as("fast reader reads:%n%s", text)
                .isTrue();
    }

    /** YAML outside the subset, invalid, or at a limit: the fast reader must leave all of it to snakeyaml. */
    static Stream<String> otherYaml() {
        return Stream.of(
                "a: &x 1\nb: *x\n",
                "a: &x [1]\n",
                "a: !!str 1\n",
                "a: |\n  x\n",
                "a: >-\n  x\n",
                "a: multi\n  line\n",
                "a: 'multi\n  line'\n",
                "a: \"esc\\n\"\n",
                "? a\n: b\n",
                "<<: {a: 1}\n",
                "%YAML 1.2\n---\na: 1\n",
                "a:\tb\n",
                "\ta: b\n",
                "a: caf\u00e9\n",
                "a: 1 # caf\u00e9\n",
                "\uFEFFa: 1\n",
                "a: 1\na: 2\n",
                "a: {b: 1, b: 2}\n",
                "[a]: 1\n",
                "a: b: c\n",
                "a: [1, 2\n",
                "a: 1\n b: 2\n",
                "a:\n  - x\n  b: 2\n",
                "- a\nb: 1\n",
                "a: 1\n- b\n",
                "{a: 1,\n b: 2}\n",
                "a: [1, 2,]\n",
                "a: {b}\n",
                "a: {b: }\n",
                "a: {b:c}\n",
                "a: [b: c]\n",
                "a: 'x'#c\n",
                "a: [x]#c\n",
                "a: 1\n...\nb: 2\n",
                "...\na: 1\n",
                "a: 1\rb: 2\n",
                "a: 1\u2028b: 2\n",
                "a : b\n",
                "a: - b\n",
                "- a\n  b\n",
                "a: b\n  # c\n  d\n",
                "---a: 1\n",
                "--- a: 1\n",
                "--- |\n  x\n",
                "a: ---\n",
                "a: @x\n",
                "a: `x`\n",
                "a: \"x\\\"y\"\n",
                "a: 1\n\u0001\n",
                "x: " + "[".repeat(64) + "]".repeat(64) + "\n",
                "k".repeat(1025) + ": v\n",
                "m: {" + "k".repeat(1025) + ": v}\n");
    }

    @ParameterizedTest
    @MethodSource("otherYaml")
    void leavesEverythingElseToSnakeyaml(String text) {
        assertThat(FastYamlDifferential.check("t.yaml", text).declined())
                .as("fast reader declines:%n%s", text)
                .isPositive();
    }

    @Test
    void readsLargeMappingsAndLeavesTheirDuplicateKeysToSnakeyaml() {
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            keys.append("key").append(i).append(": ").append(i).append('\n');
        }
        assertThat(FastYamlDifferential.check("t.yaml", keys.toString()).allAccepted())
                .isTrue();
        assertThat(FastYamlDifferential.check("t.yaml", keys + "key3: again\n").declined())
                .isPositive();
        assertThat(FastYamlDifferential.check("t.yaml", "m: {" + keys.toString().replace('\n', ',') + " key7: 0}\n")
                        .declined())
                .isPositive();
    }

    @Test
    void readsTheOtherDocumentsOfAFileItselfWhenOneNeedsSnakeyaml() {
        String text = "a: 1\n---\nb: &x [1]\n---\nc: |\n  text\n---\nd: 2\n";
        FastYamlDifferential.Verdict verdict = FastYamlDifferential.check("t.yaml", text);
        assertThat(verdict).isEqualTo(new FastYamlDifferential.Verdict(2, 2));
        assertThat(FastYamlDifferential.dump(YamlLoader.parse("t.yaml", text)))
                .contains("      STRING 'text\\n' t.yaml@5:4", "      INTEGER '2' t.yaml@8:4");
    }

    @Test
    void reportsTheFirstErrorOfTheFileAsSnakeyamlDoes() {
        String text = "a: 1\n---\nb: [1\n---\nc: 1\nc: 2\n";
        assertThat(FastYamlDifferential.check("t.yaml", text).declined()).isEqualTo(2);
        assertThatThrownBy(() -> YamlLoader.parse("t.yaml", text))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("YAML syntax error: ")
                .satisfies(e -> assertThat(((InputException) e).span().line()).isEqualTo(4));
    }
}
