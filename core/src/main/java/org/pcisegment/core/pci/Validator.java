package org.pcisegment.core.pci;

import org.pcisegment.core.load.PolicySet;

/** Runs every PCI rule over a policy set. */
public final class Validator {
    private Validator() {}

    public static ValidationResult validate(PolicySet policySet, ValidationOptions options) {
        ValidationContext context = new ValidationContext(
                policySet, options, PciRules.all().getFirst().info());
        for (PciRule rule : PciRules.all()) {
            context.runRule(rule);
        }
        return new ValidationResult(policySet, context.findings());
    }

    public static ValidationResult validate(PolicySet policySet) {
        return validate(policySet, ValidationOptions.DEFAULTS);
    }
}
