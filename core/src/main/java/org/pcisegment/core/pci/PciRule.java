package org.pcisegment.core.pci;

/**
 * One PCI-DSS check. Implementations carry {@link RuleInfo} and report through {@link
 * ValidationContext#report}; each has passing and failing fixtures under {@code
 * src/test/resources/pci-fixtures/<id>/}.
 */
public interface PciRule {

    void check(ValidationContext context);

    default RuleInfo info() {
        RuleInfo info = getClass().getAnnotation(RuleInfo.class);
        if (info == null) {
            throw new IllegalStateException(getClass().getName() + " lacks @RuleInfo");
        }
        return info;
    }
}
