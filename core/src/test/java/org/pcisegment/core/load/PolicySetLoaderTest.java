package org.pcisegment.core.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pcisegment.core.testing.Inputs.inputError;
import static org.pcisegment.core.testing.Inputs.loadError;
import static org.pcisegment.core.testing.Inputs.policySet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcisegment.core.policy.Policy;

class PolicySetLoaderTest {
    private static final String POLICY = """
            apiVersion: pci-segment/v1
            kind: NetworkPolicy
            metadata: {name: p}
            spec: {podSelector: {}}
            """;
    private static final String INVENTORY = """
            apiVersion: pci-segment/v1
            kind: Inventory
            spec:
              workloads: [{name: a, addresses: [10.0.0.1]}]
            """;

    @TempDir
    Path dir;

    @Test
    void policiesAndAnInventoryMayShareAStream() {
        PolicySet set = policySet(POLICY + "---\n" + INVENTORY + "---\n" + POLICY.replace("name: p", "name: q"));
        assertThat(set.policies()).extracting(Policy::name).containsExactly("p", "q");
        assertThat(set.inventory().workloads()).hasSize(1);
        assertThat(set.policy("q")).isPresent();
        assertThat(set.files()).containsExactly("test.yaml");
    }

    @Test
    void hashesTheInputsSoThatAnyChangeIsVisible() throws IOException {
        Path policy = Files.writeString(dir.resolve("p.yaml"), POLICY);
        Path inventory = Files.writeString(dir.resolve("i.yaml"), INVENTORY);
        PolicySet first = PolicySetLoader.load(List.of(policy.toString()), List.of(inventory.toString()));
        PolicySet again = PolicySetLoader.load(List.of(policy.toString()), List.of(inventory.toString()));
        assertThat(first.sha256()).matches("[0-9a-f]{64}").isEqualTo(again.sha256());
        assertThat(first.shortHash()).isEqualTo(first.sha256().substring(0, 12));
        assertThat(first.files()).containsExactly(policy.toString(), inventory.toString());

        Files.writeString(policy, POLICY + "# a comment changes the text\n");
        assertThat(PolicySetLoader.load(List.of(policy.toString()), List.of(inventory.toString()))
                        .sha256())
                .isNotEqualTo(first.sha256());
    }

    @Test
    void theHashDoesNotDependOnTheOrderOfTheFilesButOnWhichArePolicies() throws IOException {
        Path p = Files.writeString(dir.resolve("p.yaml"), POLICY);
        Path q = Files.writeString(dir.resolve("q.yaml"), POLICY.replace("name: p", "name: other-p"));
        Path inventory = Files.writeString(dir.resolve("i.yaml"), INVENTORY);

        PolicySet forward = PolicySetLoader.load(List.of(p.toString(), q.toString()), List.of(inventory.toString()));
        PolicySet backward = PolicySetLoader.load(List.of(q.toString(), p.toString()), List.of(inventory.toString()));
        PolicySet inventoryAsPolicyInput =
                PolicySetLoader.load(List.of(p.toString(), q.toString(), inventory.toString()), List.of());

        assertThat(backward.sha256()).isEqualTo(forward.sha256());
        assertThat(inventoryAsPolicyInput.sha256()).isNotEqualTo(forward.sha256());
    }

    @Test
    void documentsConvertedWhileReadingReportTheSameErrorAsReadingAllFilesFirst() throws IOException {
        String badPolicy = POLICY.replace("spec: {podSelector: {}}", "spec: {podSelectr: {}}");
        Path first = Files.writeString(dir.resolve("a.yaml"), POLICY + "---\n" + badPolicy);
        Path brokenYaml = Files.writeString(dir.resolve("b.yaml"), POLICY + "---\nmetadata: [unclosed\n");
        Path badInventory = Files.writeString(dir.resolve("i.yaml"), INVENTORY.replace("addresses", "adresses"));
        Path inventory = Files.writeString(dir.resolve("j.yaml"), INVENTORY);

        // A YAML error in a later file comes before a policy error found earlier.
        assertThat(errorLoading(List.of(first, brokenYaml), List.of(inventory))).startsWith(brokenYaml + ":7:1: YAML");
        // The first policy error comes before an inventory error, though inventories are read first;
        // so does a policy file that cannot be read.
        assertThat(errorLoading(List.of(first), List.of(badInventory)))
                .startsWith(first + ":9:")
                .contains("podSelectr");
        Path missing = dir.resolve("missing.yaml");
        assertThat(errorLoading(List.of(missing), List.of(badInventory)))
                .startsWith(missing + ": file or directory not found");
        Path good = Files.writeString(dir.resolve("p.yaml"), POLICY);
        assertThat(errorLoading(List.of(good), List.of(badInventory)))
                .startsWith(badInventory + ":4:25: unknown field 'adresses'");
    }

    @Test
    void aLargeFileReadInTwoHalvesKeepsPolicyOrderAndTheFirstError() throws IOException {
        int count = 400; // files of 200 documents and more are read in two halves at once
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append("---\n").append(POLICY.replace("name: p", "name: p" + i));
        }
        Path file = Files.writeString(dir.resolve("many.yaml"), text.toString());
        PolicySet set = PolicySetLoader.load(List.of(file.toString()), List.of());
        assertThat(set.policies())
                .extracting(Policy::name)
                .hasSize(count)
                .startsWith("p0", "p1")
                .endsWith("p" + (count - 1));

        String late = text.toString().replace("name: p" + (count - 2) + "}", "name: p" + (count - 2) + ", extra: 1}");
        String early = late.replace("name: p3}", "name: p3, extra: 1}");
        Path lateError = Files.writeString(dir.resolve("late.yaml"), late);
        Path earlyError = Files.writeString(dir.resolve("early.yaml"), early);
        int linesPerPolicy = POLICY.split("\n").length + 1;
        assertThat(errorLoading(List.of(lateError), List.of()))
                .startsWith(lateError + ":" + ((count - 2) * linesPerPolicy + 4) + ":")
                .contains("extra");
        assertThat(errorLoading(List.of(earlyError), List.of()))
                .startsWith(earlyError + ":" + (3 * linesPerPolicy + 4) + ":")
                .contains("extra");
    }

    private static String errorLoading(List<Path> policies, List<Path> inventories) {
        return inputError(() -> PolicySetLoader.load(
                        policies.stream().map(Path::toString).toList(),
                        inventories.stream().map(Path::toString).toList()))
                .located();
    }

    @Test
    void aWrongKindThatIsNotShapedLikeAPolicyIsReportedAsTheKind() {
        assertThat(loadError(INVENTORY.replace("kind: Inventory", "kind: Inventry")))
                .isEqualTo("test.yaml:2:7: unknown kind 'Inventry' (did you mean 'Inventory'?); expected"
                        + " NetworkPolicy or Inventory");
        // Shaped like a policy: loaded, and PCI-SCHEMA-KIND reports it as a finding.
        assertThat(policySet(POLICY.replace("kind: NetworkPolicy", "kind: Policy"))
                        .policies())
                .singleElement()
                .satisfies(p -> assertThat(p.kind().value()).isEqualTo("Policy"));
        // A real policy mistake is still reported as such when the kind is right.
        assertThat(loadError(POLICY.replace("podSelector: {}", "podSelector: {}, x: 1")))
                .startsWith("test.yaml:4:25: unknown field 'x' in spec");
    }
}
