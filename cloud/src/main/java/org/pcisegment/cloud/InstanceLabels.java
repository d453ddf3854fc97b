package org.pcisegment.cloud;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pcisegment.core.inventory.Workload;

/**
 * The labels a policy selector sees on a cloud instance: its tags with keys mapped back through
 * {@code labelTags} (a policy label {@code tier} may be the tag {@code app-tier}), and the CDE
 * label {@code pci-env=cde} exactly when the instance carries the configured CDE tag, whatever other
 * tags say, so that "CDE" means one thing per cloud config.
 */
public final class InstanceLabels {
    private InstanceLabels() {}

    public static Map<String, String> of(CloudState.Instance instance, CloudConfig config) {
        Map<String, String> labelForTag = new HashMap<>();
        config.labelTags().forEach((label, tag) -> labelForTag.put(tag, label));
        Map<String, String> labels = new LinkedHashMap<>();
        instance.tags().forEach((tag, value) -> labels.put(labelForTag.getOrDefault(tag, tag), value));
        labels.remove(Workload.CDE_LABEL);
        if (isCde(instance, config)) {
            labels.put(Workload.CDE_LABEL, Workload.CDE_VALUE);
        }
        return labels;
    }

    public static boolean isCde(CloudState.Instance instance, CloudConfig config) {
        return config.cdeTag()
                .value()
                .equals(instance.tags().get(config.cdeTag().key()));
    }
}
