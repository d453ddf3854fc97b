package org.pcisegment.core.pci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pcisegment.core.testing.ExpectMarkers.Expectation;
import org.pcisegment.core.testing.FindingChecks;

/**
 * The shipped {@code examples/findings/} files show every rule firing. They are checked with the
 * fixture machinery, strictly: every finding of every rule must be marked, so the examples cannot
 * drift from what the tool reports.
 */
class FindingsExamplesTest {
    static final Path EXAMPLES = Path.of("..", "examples", "findings");

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyFindingOfTheExampleIsMarkedAndEveryMarkerIsReported(Path example) {
        assertThat(FindingChecks.mismatches(example, ruleId -> true))
                .as("findings in %s", example)
                .isEmpty();
    }

    @Test
    void examplesTogetherMakeEveryRuleFire() throws IOException {
        Set<String> marked = new TreeSet<>();
        for (Path example : examples().toList()) {
            FindingChecks.expectations(example).stream()
                    .map(Expectation::ruleId)
                    .forEach(marked::add);
        }
        assertThat(marked)
                .containsExactlyInAnyOrderElementsOf(
                        PciRules.infos().stream().map(RuleInfo::id).toList());
    }
}
