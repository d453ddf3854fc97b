package org.pcisegment.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pcisegment.core.testing.Inputs.inputError;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlLoaderTest {
    @TempDir
    Path dir;

    private static List<YamlDocument> parse(String text) {
        return YamlLoader.parse("t.yaml", text);
    }

    private static String error(String text) {
        return inputError(() -> parse(text)).located();
    }

    @Test
    void readsEveryDocumentWithOneBasedPositionsOfKeysAndValues() {
        List<YamlDocument> documents = parse("a: 1\n---\n# comment\nb:\n  c: [x, 'y']\n");
        assertThat(documents).hasSize(2);
        YamlMap second = (YamlMap) documents.get(1).root();
        assertThat(second.keySpan("b")).contains(new SourceSpan("t.yaml", 4, 1));
        YamlMap inner = second.map("b").orElseThrow();
        assertThat(inner.keySpan("c")).contains(new SourceSpan("t.yaml", 5, 3));
        YamlList list = inner.list("c").orElseThrow();
        assertThat(list.items())
                .extracting(YamlValue::span)
                .containsExactly(new SourceSpan("t.yaml", 5, 7), new SourceSpan("t.yaml", 5, 10));
        assertThat(documents.get(0).span()).isEqualTo(new SourceSpan("t.yaml", 1, 1));
    }

    @Test
    void skipsEmptyDocumentsBetweenSeparators() {
        assertThat(parse("---\n---\na: 1\n---\n...\n")).hasSize(1);
    }

    @Test
    void resolvesScalarTypesWithTheCoreSchema() {
        YamlMap map = (YamlMap) parse("i: 0x1F\no: 0o17\nn: -3\nf: 1.5\nb: true\nz: ~\ns: '80'\nt: cde\n")
                .getFirst()
                .root();
        assertThat(map.integer("i")).hasValue(31);
        assertThat(map.integer("o")).hasValue(15);
        assertThat(map.integer("n")).hasValue(-3);
        assertThat(map.get("f").orElseThrow().describe()).isEqualTo("the number 1.5");
        assertThat(map.get("b").orElseThrow().describe()).isEqualTo("the boolean true");
        assertThat(map.present("z")).isEmpty();
        assertThat(map.has("z")).isTrue();
        assertThat(map.get("s").orElseThrow().describe()).isEqualTo("the string '80'");
        assertThat(map.string("t")).contains("cde");
        assertThat(inputError(() -> map.integer("s")).located())
                .isEqualTo("t.yaml:7:4: field 's' must be a whole number, found the string '80'");
    }

    @Test
    void rejectsEmptyWhitespaceAndCommentOnlyText() {
        assertThat(error("")).isEqualTo("t.yaml: file is empty; expected at least one YAML document");
        assertThat(error(" \n\t\n")).isEqualTo("t.yaml: file is empty; expected at least one YAML document");
        assertThat(error("# nothing\n---\n"))
                .isEqualTo("t.yaml: file holds no YAML document with content; expected a policy");
    }

    @Test
    void reportsSyntaxErrorsAtTheirPosition() {
        assertThat(error("a:\n  b: [1, 2\nc: 3\n")).startsWith("t.yaml:3:2: YAML syntax error: ");
        assertThat(error("a: \"open\n")).startsWith("t.yaml:2:1: YAML syntax error: found unexpected end of stream");
    }

    @Test
    void rejectsDuplicateKeysNamingTheFirstOne() {
        assertThat(error("a: 1\nb:\n  c: 1\n  c: 2\n"))
                .isEqualTo("t.yaml:4:3: duplicate key 'c' (first defined at line 3); each key may appear once");
    }

    @Test
    void rejectsMergeKeysAtTheirPosition() {
        assertThat(error("base: &b {x: 1}\nuse:\n  <<: *b\n  y: 2\n"))
                .isEqualTo("t.yaml:3:3: YAML merge keys ('<<') are not supported; write the fields out");
        // A quoted "<<" is an ordinary key, and "<<" as a value is an ordinary string.
        assertThat(parse("'<<': 1\nv: <<\n")).hasSize(1);
    }

    @Test
    void rejectsKeysThatAreNotScalars() {
        assertThat(error("? [a, b]\n: 1\n")).isEqualTo("t.yaml:1:3: mapping keys must be plain strings");
    }

    @Test
    void acceptsNestingUpToTheLimitAndRefusesDeeperAtItsPosition() {
        assertThat(parse("x: " + "[".repeat(63) + "]".repeat(63) + "\n")).hasSize(1);
        assertThat(error("x: " + "[".repeat(64) + "]".repeat(64) + "\n"))
                .isEqualTo("t.yaml:1:67: YAML nesting is too deep (more than 64 levels)");
        // Far deeper than any stack would allow if the composer were reached.
        assertThat(error("[".repeat(200_000) + "]".repeat(200_000)))
                .isEqualTo("t.yaml:1:65: YAML nesting is too deep (more than 64 levels)");
    }

    @Test
    void refusesAnAliasBombAtTheFirstAliasOverTheLimit() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char level = 'b'; level <= 'i'; level++) {
            char previous = (char) (level - 1);
            bomb.append(level).append(": &").append(level).append(" [");
            bomb.append(String.join(", ", java.util.Collections.nCopies(9, "*" + previous)));
            bomb.append("]\n");
        }
        // 9 aliases to a list on line 2; the 17th alias is the 8th on line 3, at column 8 + 7 * 4.
        assertThat(error(bomb.toString()))
                .isEqualTo("t.yaml:3:36: too many aliases to lists or mappings (more than 16);"
                        + " refusing a possible alias bomb");
    }

    @Test
    void allowsAFewCollectionAliasesAndManyScalarAliases() {
        StringBuilder text = new StringBuilder("m: &m {x: 1}\ns: &s word\n");
        for (int i = 0; i < 16; i++) {
            text.append("m").append(i).append(": *m\n");
        }
        for (int i = 0; i < 1000; i++) {
            text.append("s").append(i).append(": *s\n");
        }
        YamlMap map = (YamlMap) parse(text.toString()).getFirst().root();
        assertThat(map.map("m15").orElseThrow().integer("x")).hasValue(1);
        assertThat(map.string("s999")).contains("word");
    }

    @Test
    void loadsAFileWithAByteOrderMark() throws IOException {
        Path file = dir.resolve("bom.yaml");
        Files.write(file, ("\uFEFFa: 1\n").getBytes(StandardCharsets.UTF_8));
        assertThat(YamlLoader.load(file).documents()).hasSize(1);
    }

    @Test
    void refusesBinaryAndNonUtf8Files() throws IOException {
        Path nul = dir.resolve("nul.yaml");
        Files.write(nul, new byte[] {'a', ':', ' ', 0, '\n'});
        assertThat(inputError(() -> YamlLoader.load(nul)).located())
                .isEqualTo(nul + ": not a text file (NUL byte at offset 3); expected YAML or JSON");
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, "a: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(inputError(() -> YamlLoader.load(latin1)).located())
                .isEqualTo(latin1 + ": not a UTF-8 text file; expected YAML or JSON in UTF-8");
    }

    @Test
    void refusesAFileOverTheSizeLimitWithoutReadingIt() throws IOException {
        Path big = dir.resolve("big.yaml");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(YamlLoader.MAX_FILE_BYTES + 1); // sparse: no disk space used
        }
        assertThat(inputError(() -> YamlLoader.load(big)).located())
                .isEqualTo(big + ": file is 33554433 bytes, over the limit of 33554432 bytes for a policy or"
                        + " inventory file");
    }

    @Test
    void reportsMissingFilesAndDirectories() {
        Path missing = dir.resolve("missing.yaml");
        assertThat(inputError(() -> YamlLoader.load(missing)).located()).isEqualTo(missing + ": file not found");
        assertThat(inputError(() -> YamlLoader.load(dir)).located()).startsWith(dir + ": cannot read the file: ");
    }
}
