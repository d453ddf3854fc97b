package org.pcisegment.core.pci.rules;

import java.util.Arrays;
import org.pcisegment.core.ir.PolicyResolver;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.pci.PciRule;
import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.core.pci.ValidationContext;
import org.pcisegment.core.source.Suggestions;

/** Protocols are TCP, UDP or SCTP, written in upper case as in Kubernetes. */
@RuleInfo(
        id = "PCI-SCHEMA-PROTOCOL",
        requirement = "1.2.5",
        severity = Severity.ERROR,
        summary = "protocol must be TCP, UDP or SCTP",
        rationale = "Every allowed protocol must be identified; an unknown one cannot be enforced.",
        remediation = "Use TCP, UDP or SCTP (upper case); omit 'protocol' for TCP.")
public final class ProtocolRule implements PciRule {
    @Override
    public void check(ValidationContext context) {
        PolicyWalk.ports(context.policies(), (policy, rule, spec) -> {
            if (PolicyResolver.protocol(spec).isEmpty()) {
                String written = spec.protocol().value();
                context.report(
                        policy,
                        spec.protocol().span(),
                        "unknown protocol '"
                                + written
                                + "'"
                                + Suggestions.hint(
                                        written,
                                        Arrays.stream(Protocol.values())
                                                .map(Enum::name)
                                                .toList())
                                + "; expected TCP, UDP or SCTP");
            }
        });
    }
}
