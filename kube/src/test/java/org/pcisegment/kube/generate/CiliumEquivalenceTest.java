package org.pcisegment.kube.generate;

import org.pcisegment.kube.yaml.KubeYaml;

/**
 * The generated CiliumNetworkPolicies (there is no Cilium analyser): they stay inside the subset
 * {@link CiliumToKubernetes} accepts and, translated back to Kubernetes field by field, give exactly
 * pci-segment's connectivity.
 */
class CiliumEquivalenceTest extends GeneratedPoliciesEquivalence {
    @Override
    GenerateResult.Target target() {
        return GenerateResult.Target.cilium;
    }

    @Override
    String analysable(GeneratedResource resource, String yaml) {
        return KubeYaml.write(CiliumToKubernetes.translate(KubeYaml.read(yaml, CiliumResources.Policy.class)));
    }
}
