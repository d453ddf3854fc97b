package org.pcisegment.kube.check;

import org.pcisegment.core.pci.RuleInfo;

/**
 * One CDE placement or exposure check of {@code kube check}. Implementations carry {@link RuleInfo}
 * (the same metadata as pci-segment's policy rules) and report through {@link
 * CheckContext#report}; each has fixtures under {@code src/test/resources/check-fixtures/}.
 */
public interface PlacementRule {

    void check(CheckContext context);

    default RuleInfo info() {
        RuleInfo info = getClass().getAnnotation(RuleInfo.class);
        if (info == null) {
            throw new IllegalStateException(getClass().getName() + " lacks @RuleInfo");
        }
        return info;
    }
}
