package org.pcisegment.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GoldenTest {
    @Test
    void aMismatchShowsAUnifiedDiff() {
        String diff = Golden.diff("one\ntwo\nthree\n", "one\n2\nthree\nfour\n");
        assertThat(diff.lines())
                .containsExactly(
                        "--- expected", "+++ actual", "@@ -1,3 +1,4 @@", " one", "-two", "+2", " three", "+four");
        assertThat(Golden.diff("a\n", "a")).contains("only in line endings or the final newline");
    }

    @Test
    void assertMatchesFailsWithTheDiffAndTheFile() {
        assertThatThrownBy(() -> Golden.assertMatches(GoldenTest.class, "sample.txt", "first line\nchanged\n"))
                .hasMessageContaining("golden" + java.io.File.separator + "sample.txt")
                .hasMessageContaining("-second line")
                .hasMessageContaining("+changed");
        Golden.assertMatches(GoldenTest.class, "sample.txt", "first line\nsecond line\n");
    }
}
