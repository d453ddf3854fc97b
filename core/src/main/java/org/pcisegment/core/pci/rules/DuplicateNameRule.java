package org.pcisegment.core.pci.rules;

import java.util.HashMap;
import java.util.Map;
import org.pcisegment.core.pci.PciRule;
import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.core.pci.ValidationContext;
import org.pcisegment.core.policy.Policy;

/** Policy names are unique across every input. */
@RuleInfo(
        id = "PCI-SCHEMA-DUPLICATE-NAME",
        requirement = "1.2.1",
        severity = Severity.ERROR,
        summary = "policy names must be unique across all inputs",
        rationale = "Two policies with one name make reports, audit events and installed rules ambiguous.",
        remediation = "Rename one of the policies, or remove the copy.")
public final class DuplicateNameRule implements PciRule {
    @Override
    public void check(ValidationContext context) {
        Map<String, Policy> first = new HashMap<>();
        for (Policy policy : context.policies()) {
            if (policy.name().isEmpty()) {
                continue;
            }
            Policy previous = first.putIfAbsent(policy.name(), policy);
            if (previous != null) {
                context.report(
                        policy,
                        policy.metadata().nameSpan(),
                        "policy name '"
                                + policy.name()
                                + "' is already used at "
                                + previous.metadata().nameSpan());
            }
        }
    }
}
