package org.pcisegment.kube.generate;

import java.util.List;
import org.pcisegment.core.pci.Finding;

/** What {@code kube generate} produces for one target. */
public record GenerateResult(
        Target target, List<GeneratedResource> resources, List<Finding> findings, List<String> requirements) {

    /** The policy dialects {@code kube generate} writes. */
    public enum Target {
        k8s,
        calico,
        cilium
    }

    public GenerateResult {
        resources = List.copyOf(resources);
        findings = List.copyOf(findings);
        requirements = List.copyOf(requirements);
    }
}
