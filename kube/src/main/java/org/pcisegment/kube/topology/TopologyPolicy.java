package org.pcisegment.kube.topology;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;

/** One generated NetworkPolicy with why it exists and the PCI-DSS requirements it serves. */
public record TopologyPolicy(NetworkPolicy policy, Category category, String purpose, List<String> pciDss) {

    /** What kind of rule produced the policy. */
    public enum Category {
        DEFAULT_DENY,
        LINK,
        INTRA_NAMESPACE,
        SYSTEM_EXCEPTION,
        COMPONENT_EXCEPTION,
        INTERNET_EXCEPTION
    }

    public TopologyPolicy {
        pciDss = List.copyOf(pciDss);
    }

    /** {@code networkpolicy__NAMESPACE__NAME.yaml}. */
    public String fileName() {
        return "networkpolicy__" + policy.getMetadata().getNamespace() + "__"
                + policy.getMetadata().getName() + ".yaml";
    }
}
