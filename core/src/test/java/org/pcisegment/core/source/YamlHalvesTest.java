package org.pcisegment.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A file read in two halves at once gives what reading it in one pass gives: the same documents
 * in the same order, the same converted values, the same first error, the same fallbacks.
 */
class YamlHalvesTest {
    private static final int ONE_PASS = Integer.MAX_VALUE;

    private static String documents(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append("---\nname: p")
                    .append(i)
                    .append("\nspec: {ports: [")
                    .append(i)
                    .append(", 443]}\n");
        }
        return text.toString();
    }

    /** The documents as dumped lines, read with a second thread from {@code parallelFrom} chunks on. */
    private static List<String> read(String text, int parallelFrom) {
        List<YamlDocument> documents = new ArrayList<>();
        int count = YamlLoader.readInChunks("t.yaml", text, Function.identity(), documents::add, parallelFrom);
        assertThat(count).isEqualTo(documents.size());
        return FastYamlDifferential.dump(documents);
    }

    private static String error(String text, int parallelFrom) {
        InputException error = catchThrowableOfType(InputException.class, () -> read(text, parallelFrom));
        assertThat(error).as("an input error").isNotNull();
        return error.located();
    }

    @Test
    void twoHalvesGiveTheDocumentsOfOnePass() {
        String text = documents(41);
        List<String> onePass = read(text, ONE_PASS);

        assertThat(read(text, 2))
                .isEqualTo(onePass)
                .isEqualTo(FastYamlDifferential.dump(YamlLoader.parse("t.yaml", text)));
        assertThat(onePass).filteredOn(line -> line.contains("'p40'")).hasSize(1);
    }

    @Test
    void convertedValuesArriveInFileOrder() {
        String text = documents(101);
        List<String> names = new ArrayList<>();
        YamlLoader.readInChunks(
                "t.yaml",
                text,
                document -> ((YamlMap) document.root()).string("name").orElseThrow() + "@"
                        + Thread.currentThread().getName(),
                names::add,
                2);

        assertThat(names).hasSize(101);
        for (int i = 0; i < 101; i++) {
            assertThat(names.get(i)).startsWith("p" + i + "@");
        }
        // the second half was converted on the reader's second thread
        assertThat(names.getLast()).endsWith("@yaml-second-half");
    }

    @Test
    void aDocumentOnlySnakeyamlReadsInEitherHalfGivesTheSameDocuments() {
        String anchorLate = documents(30) + "---\nname: late\nspec: &s {ports: [1]}\nother: *s\n" + documents(3);
        String anchorEarly = "---\nname: early\nspec: &s {ports: [1]}\nother: *s\n" + documents(30);
        String blockScalarLate = documents(30) + "---\nname: late\ndescription: |\n  two\n  lines\n";

        for (String text : List.of(anchorLate, anchorEarly, blockScalarLate)) {
            assertThat(read(text, 2)).isEqualTo(read(text, ONE_PASS));
        }
    }

    @Test
    void theFirstErrorInFileOrderIsReportedWhicheverHalfHoldsIt() {
        String errorInSecondHalf = documents(30) + "---\nname: [unclosed\n" + documents(3);
        String errorInFirstHalf = documents(2) + "---\nname: [unclosed\n" + documents(30);
        String errorsInBoth = documents(2) + "---\nname: [first\n" + documents(30) + "---\nname: [second\n";

        for (String text : List.of(errorInSecondHalf, errorInFirstHalf, errorsInBoth)) {
            assertThat(error(text, 2)).isEqualTo(error(text, ONE_PASS)).contains("YAML syntax error");
        }
        // the flow sequence opened in the third document, line 8, not the one at the end
        assertThat(error(errorsInBoth, 2)).startsWith("t.yaml:9:1:").contains("starts at line 8");
    }
}
