package org.pcisegment.core.pci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The registry of rules agrees with its fixtures and with the PCI DSS v4.0 requirement list. */
class RuleCatalogTest {
    private static final Set<String> REGISTERED =
            PciRules.infos().stream().map(RuleInfo::id).collect(Collectors.toCollection(TreeSet::new));

    @Test
    void everyRegisteredRuleHasPassingAndFailingFixtures() {
        for (String id : REGISTERED) {
            List<String> names = fixtureNames(RuleFixtureTest.FIXTURES.resolve(id));
            assertThat(names)
                    .as("fixtures of %s", id)
                    .anyMatch(n -> n.startsWith("pass"))
                    .anyMatch(n -> n.startsWith("fail"));
        }
    }

    @Test
    void everyFixtureDirectoryNamesARegisteredRuleAndHoldsOnlyFixtures() throws IOException {
        try (Stream<Path> dirs = Files.list(RuleFixtureTest.FIXTURES)) {
            for (Path dir : dirs.toList()) {
                assertThat(Files.isDirectory(dir)).as("%s is a directory", dir).isTrue();
                assertThat(REGISTERED)
                        .as("fixture directory %s names a registered rule", dir)
                        .contains(dir.getFileName().toString());
                assertThat(fixtureNames(dir))
                        .as("files in %s", dir)
                        .allMatch(n -> n.matches("(pass|fail)[-a-z0-9]*\\.yaml"));
            }
        }
    }

    @Test
    void everyRuleCitesAnExistingPciDssRequirement() {
        for (RuleInfo info : PciRules.infos()) {
            assertThat(PciRequirements.exists(info.requirement()))
                    .as("requirement %s of %s is in PCI DSS v4.0", info.requirement(), info.id())
                    .isTrue();
        }
    }

    @Test
    void ruleIdsAreUniqueAndMetadataIsComplete() {
        List<RuleInfo> infos = PciRules.infos();
        assertThat(REGISTERED).hasSize(infos.size());
        for (RuleInfo info : infos) {
            assertThat(info.id()).matches("PCI(-[A-Z0-9]+)+");
            assertThat(List.of(info.summary(), info.rationale(), info.remediation()))
                    .as("metadata of %s", info.id())
                    .allSatisfy(text -> assertThat(text).isNotBlank().doesNotEndWith(" "));
        }
    }

    @Test
    void requirementListHoldsTheNumberingOfRequirementOne() {
        assertThat(PciRequirements.all())
                .containsKeys("1", "1.2", "1.2.1", "1.2.5", "1.2.6", "1.3", "1.3.1", "1.3.2", "1.4.2", "12.10.1")
                .doesNotContainKeys("1.1.4", "1.3.9", "13");
        assertThat(PciRequirements.title("1.3.1"))
                .hasValueSatisfying(t -> assertThat(t).containsIgnoringCase("inbound"));
    }

    private static List<String> fixtureNames(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
