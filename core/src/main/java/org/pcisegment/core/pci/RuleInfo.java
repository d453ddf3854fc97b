package org.pcisegment.core.pci;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A PCI rule's metadata, declared on the rule class next to its logic. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleInfo {
    /** Stable id, such as "PCI-CDE-INBOUND-ANY"; fixtures and SARIF use it. */
    String id();

    /** The PCI-DSS v4.0 requirement the rule evidences, such as "1.3.1". */
    String requirement();

    /** The default severity of the rule's findings. */
    Severity severity();

    /** One line: what the rule checks. */
    String summary();

    /** Why it matters, for an assessor. */
    String rationale();

    /** What to change to fix a finding. */
    String remediation();
}
