package org.pcisegment.kube.generate;

/** The generated NetworkPolicies: exactly pci-segment's connectivity. */
class KubernetesEquivalenceTest extends GeneratedPoliciesEquivalence {
    @Override
    GenerateResult.Target target() {
        return GenerateResult.Target.k8s;
    }
}
