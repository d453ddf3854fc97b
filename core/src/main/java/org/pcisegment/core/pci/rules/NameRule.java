package org.pcisegment.core.pci.rules;

import java.util.regex.Pattern;
import org.pcisegment.core.pci.PciRule;
import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.core.pci.ValidationContext;
import org.pcisegment.core.policy.Policy;

/** Every policy needs a name that can identify it in reports, audit logs and firewalls. */
@RuleInfo(
        id = "PCI-SCHEMA-NAME",
        requirement = "1.2.1",
        severity = Severity.ERROR,
        summary = "metadata.name must be present and a DNS-1123 name",
        rationale = "Change control and audit trails refer to rules by name; an unnamed rule cannot be"
                + " approved, reviewed or traced.",
        remediation = "Give the policy a 'metadata.name' of lower-case letters, digits and '-' (at most 63).")
public final class NameRule implements PciRule {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    @Override
    public void check(ValidationContext context) {
        for (Policy policy : context.policies()) {
            String name = policy.name();
            if (name.isEmpty()) {
                context.report(policy, policy.metadata().nameSpan(), "missing metadata.name");
            } else if (name.length() > 63 || !DNS_LABEL.matcher(name).matches()) {
                context.report(
                        policy,
                        policy.metadata().nameSpan(),
                        "name '"
                                + name
                                + "' is not a valid name; use at most 63 lower-case letters, digits and '-',"
                                + " beginning and ending with a letter or digit");
            }
        }
    }
}
