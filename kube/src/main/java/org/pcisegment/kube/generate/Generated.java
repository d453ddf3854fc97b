package org.pcisegment.kube.generate;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.pcisegment.core.ir.PolicyOrigin;

/**
 * What every generated resource shares: labels, annotations that trace it to its source policies,
 * and the identity-label selectors.
 */
final class Generated {
    static final String SOURCES_ANNOTATION = "pci-segment.io/source-policies";
    static final String PURPOSE_ANNOTATION = "pci-segment.io/purpose";

    private Generated() {}

    static Map<String, String> labels() {
        return Map.of("app.kubernetes.io/managed-by", "pci-segment");
    }

    static Map<String, String> annotations(HostPolicy policy) {
        Map<String, String> annotations = new TreeMap<>();
        annotations.put(SOURCES_ANNOTATION, sources(policy));
        annotations.put(PURPOSE_ANNOTATION, purpose(policy));
        return annotations;
    }

    /** "cde-payment-api (policies/cde-app.yaml:3:1), ...". */
    static String sources(HostPolicy policy) {
        return policy.sources().stream().map(PolicyOrigin::toString).collect(Collectors.joining(", "));
    }

    static String purpose(HostPolicy policy) {
        String directions =
                policy.restricted().stream().sorted().map(d -> d.sectionField()).collect(Collectors.joining(" and "));
        return "what workload " + policy.name() + " may " + directions + " ("
                + (policy.subject().isCde() ? "CDE" : "non-CDE")
                + "), as its pci-segment policies allow; all else denied";
    }

    /** Selects the pods of one inventory workload. */
    static LabelSelector identity(String workload) {
        return new LabelSelectorBuilder()
                .withMatchLabels(Map.of(HostTranslation.WORKLOAD_LABEL, workload))
                .build();
    }

    /** Selects the pods of several inventory workloads. */
    static LabelSelector identities(List<String> workloads) {
        if (workloads.size() == 1) {
            return identity(workloads.getFirst());
        }
        return new LabelSelectorBuilder()
                .withMatchExpressions(new LabelSelectorRequirement(HostTranslation.WORKLOAD_LABEL, "In", workloads))
                .build();
    }

    /** The same as a Calico selector expression. */
    static String calicoIdentities(List<String> workloads) {
        if (workloads.size() == 1) {
            return HostTranslation.WORKLOAD_LABEL + " == '" + workloads.getFirst() + "'";
        }
        return HostTranslation.WORKLOAD_LABEL + " in "
                + workloads.stream().map(w -> "'" + w + "'").collect(Collectors.joining(", ", "{", "}"));
    }
}
