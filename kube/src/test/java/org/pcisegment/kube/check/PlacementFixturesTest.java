package org.pcisegment.kube.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pcisegment.core.pci.Finding;
import org.pcisegment.core.pci.PciRequirements;
import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.kube.manifest.ManifestReader;

/**
 * Runs every fixture under {@code check-fixtures/}: each line marked {@code # expect: RULE-ID[,
 * RULE-ID]} must get exactly those findings, and no other line any.
 */
class PlacementFixturesTest {
    private static final Pattern EXPECT = Pattern.compile("#\\s*expect:\\s*(.+)$");

    static Path root() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(PlacementFixturesTest.class.getResource("/check-fixtures"))
                .toURI());
    }

    static List<String> fixtures() throws Exception {
        try (Stream<Path> files = Files.list(root())) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Set<String> expected(Path file) throws Exception {
        Set<String> expected = new TreeSet<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            Matcher matcher = EXPECT.matcher(lines.get(i));
            if (matcher.find()) {
                for (String id : matcher.group(1).split(",")) {
                    expected.add((i + 1) + " " + id.strip());
                }
            }
        }
        return expected;
    }

    private static List<Finding> check(Path file) {
        return KubeChecker.check(ManifestReader.read(List.of(file.toString())), CheckOptions.DEFAULTS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void findingsAreExactlyTheMarkedOnes(String name) throws Exception {
        Path file = root().resolve(name);
        Set<String> actual = new TreeSet<>();
        for (Finding finding : check(file)) {
            actual.add(finding.span().line() + " " + finding.ruleId());
        }
        assertThat(actual).as(name).containsExactlyElementsOf(expected(file));
    }

    @Test
    void everyRuleHasAFailingFixtureAndAValidRequirement() throws Exception {
        Collection<String> marked = new ArrayList<>();
        for (String name : fixtures()) {
            expected(root().resolve(name)).forEach(e -> marked.add(e.substring(e.indexOf(' ') + 1)));
        }
        for (RuleInfo info : PlacementRules.infos()) {
            assertThat(marked).as("a fixture marks " + info.id()).contains(info.id());
            assertThat(PciRequirements.exists(info.requirement()))
                    .as(info.id() + " cites requirement " + info.requirement())
                    .isTrue();
        }
        assertThat(expected(root().resolve("compliant.yaml"))).isEmpty();
    }

    @Test
    void reachabilityOnListedPortsIsAWarningAndUnlimitedAnError() throws Exception {
        List<Finding> findings = check(root().resolve("cde-exposure.yaml")).stream()
                .filter(f -> f.ruleId().equals("KUBE-CDE-REACHABLE-FROM-OUTSIDE"))
                .toList();
        assertThat(findings)
                .extracting(Finding::severity, Finding::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                Severity.ERROR,
                                "CDE workload pay/open-api[Deployment] is reachable from outside the cluster:"
                                        + " 0.0.0.0-255.255.255.255 (All Connections)"),
                        org.assertj.core.groups.Tuple.tuple(
                                Severity.WARNING,
                                "CDE workload pay/api[Deployment] is reachable from outside the cluster:"
                                        + " 0.0.0.0-255.255.255.255 (TCP 443)"));
    }
}
