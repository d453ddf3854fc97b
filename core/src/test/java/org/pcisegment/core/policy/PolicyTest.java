package org.pcisegment.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pcisegment.core.testing.Inputs.policy;

import org.junit.jupiter.api.Test;

class PolicyTest {
    private static Policy citing(String annotation) {
        return policy("""
                apiVersion: pci-segment/v1
                kind: NetworkPolicy
                metadata:
                  name: p
                  annotations:
                    pci-dss: "%s"
                spec:
                  podSelector: {}
                """.formatted(annotation));
    }

    @Test
    void readsRequirementIdsFromTheSeedNotation() {
        Policy policy = citing("Req 1.2, Req 1.3");
        assertThat(policy.pciRequirements()).extracting(Located::value).containsExactly("1.2", "1.3");
        assertThat(policy.pciCitations()).containsExactly("Req 1.2", "Req 1.3");
        assertThat(policy.pciRequirements())
                .allSatisfy(id -> assertThat(id.span().line()).isEqualTo(6));
    }

    @Test
    void readsIdsWrittenInOtherWaysButNotVersions() {
        assertThat(citing("PCI DSS v4.0 Requirement 1.3.1; 1.3.2 and Req12.10.1")
                        .pciRequirements())
                .extracting(Located::value)
                .containsExactly("1.3.1", "1.3.2", "12.10.1");
        assertThat(citing("PCI-DSS V4.0.1: 1.4.2").pciRequirements())
                .extracting(Located::value)
                .containsExactly("1.4.2");
        assertThat(citing("segmentation").pciRequirements()).isEmpty();
    }

    @Test
    void withoutTheAnnotationNothingIsCited() {
        Policy policy = policy("""
                apiVersion: pci-segment/v1
                kind: NetworkPolicy
                metadata: {name: p, annotations: {description: "  "}}
                spec: {podSelector: {}}
                """);
        assertThat(policy.pciRequirements()).isEmpty();
        assertThat(policy.pciCitations()).isEmpty();
        assertThat(policy.description()).as("a blank description is none").isEmpty();
    }

    @Test
    void anUnnamedPolicyIsShownByItsPosition() {
        Policy policy = policy("apiVersion: pci-segment/v1\nkind: NetworkPolicy\nspec: {podSelector: {}}\n");
        assertThat(policy.displayName()).isEqualTo("(unnamed policy at test.yaml:1:1)");
    }
}
