package org.pcisegment.core.pci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pcisegment.core.testing.ExpectMarkers.Expectation;
import org.pcisegment.core.testing.FindingChecks;

/**
 * Runs every rule fixture under {@code src/test/resources/pci-fixtures/<RULE-ID>/}: the rule's
 * findings must appear exactly on the lines marked {@code # expect: RULE-ID} and nowhere else.
 * {@code pass*.yaml} fixtures carry no marker, so the rule must stay silent on them.
 */
class RuleFixtureTest {
    static final Path FIXTURES = Path.of("src", "test", "resources", "pci-fixtures");

    static Stream<Arguments> fixtures() throws IOException {
        try (Stream<Path> files = Files.walk(FIXTURES, 2)) {
            return files
                    .filter(f -> f.getFileName().toString().endsWith(".yaml"))
                    .sorted()
                    .map(f -> Arguments.of(f.getParent().getFileName().toString(), f))
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("fixtures")
    void ruleReportsExactlyTheMarkedLines(String ruleId, Path fixture) {
        List<Expectation> expectations = FindingChecks.expectations(fixture);
        assertThat(expectations)
                .as("markers in a fixture of %s name only that rule", ruleId)
                .allSatisfy(e -> assertThat(e.ruleId()).isEqualTo(ruleId));
        if (fixture.getFileName().toString().startsWith("fail")) {
            assertThat(expectations)
                    .as("a failing fixture marks at least one finding")
                    .isNotEmpty();
        } else {
            assertThat(expectations).as("a passing fixture marks no finding").isEmpty();
        }
        assertThat(FindingChecks.mismatches(fixture, ruleId::equals))
                .as("findings of %s in %s", ruleId, fixture)
                .isEmpty();
    }
}
