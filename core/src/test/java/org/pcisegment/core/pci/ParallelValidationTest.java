package org.pcisegment.core.pci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pcisegment.core.load.PolicySet;
import org.pcisegment.core.testing.TestPolicySets;

/** Two workers find exactly what one finds, and the result lists it in the same order. */
class ParallelValidationTest {
    @Test
    void findsWhatOneWorkerFindsInRuleOrder() throws IOException {
        Path examples = TestPolicySets.examples();
        StringBuilder policies = new StringBuilder();
        // Example files that fire many rules (without inventories of their own); copies add
        // duplicate-name findings.
        int copies = 0;
        List<Path> files = new ArrayList<>();
        for (String name : List.of("cde-services.yaml", "schema-mistakes.yaml")) {
            files.add(examples.resolve("findings").resolve(name));
        }
        for (String name : List.of("invalid-policy.yaml", "cde-isolation.yaml", "cde-app.yaml", "cde-database.yaml")) {
            files.add(examples.resolve("policies").resolve(name));
        }
        while (countDocuments(policies) < Validator.PARALLEL_FROM_POLICIES + 50) {
            for (Path file : files) {
                policies.append("---\n").append(Files.readString(file)).append('\n');
            }
            copies++;
        }
        PolicySet set = TestPolicySets.of(policies.toString(), Files.readString(examples.resolve("inventory.yaml")));
        assertThat(set.policies()).hasSizeGreaterThanOrEqualTo(Validator.PARALLEL_FROM_POLICIES);

        List<Finding> oneWorker = new ArrayList<>();
        ValidationContext context = new ValidationContext(
                set, ValidationOptions.DEFAULTS, PciRules.all().getFirst().info());
        for (PciRule rule : PciRules.all()) {
            oneWorker.addAll(context.runRule(rule));
        }

        List<Finding> parallel = Validator.validate(set).findings();
        assertThat(copies).isGreaterThan(1);
        assertThat(parallel.stream().map(Finding::ruleId).distinct().count()).isGreaterThan(5);
        assertThat(parallel).containsExactlyElementsOf(new ValidationResult(set, oneWorker).findings());
    }

    private static long countDocuments(StringBuilder text) {
        return text.toString()
                .lines()
                .filter(l -> l.startsWith("kind: NetworkPolicy"))
                .count();
    }
}
