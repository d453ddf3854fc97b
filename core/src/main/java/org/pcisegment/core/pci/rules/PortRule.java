package org.pcisegment.core.pci.rules;

import org.pcisegment.core.ir.PolicyResolver;
import org.pcisegment.core.net.WellKnownPorts;
import org.pcisegment.core.pci.PciRule;
import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.core.pci.ValidationContext;
import org.pcisegment.core.policy.PortSpec;
import org.pcisegment.core.source.Suggestions;

/** Ports are numbers within 1-65535 or known service names. */
@RuleInfo(
        id = "PCI-SCHEMA-PORT",
        requirement = "1.2.5",
        severity = Severity.ERROR,
        summary = "ports must be within 1-65535 or a known service name",
        rationale = "Every allowed port must be identified; an impossible port identifies nothing.",
        remediation = "Use a port number from 1 to 65535 or a service name such as 'https'.")
public final class PortRule implements PciRule {
    @Override
    public void check(ValidationContext context) {
        PolicyWalk.ports(context.policies(), (policy, rule, spec) -> {
            if (spec.port().isPresent()) {
                switch (spec.port().get()) {
                    case PortSpec.Number number -> {
                        if (!PolicyResolver.inRange(number.value())) {
                            context.report(
                                    policy,
                                    number.span(),
                                    "port " + number.value() + " is out of range; expected 1-65535");
                        }
                    }
                    case PortSpec.Named named -> {
                        if (WellKnownPorts.port(named.name()).isEmpty()) {
                            context.report(
                                    policy,
                                    named.span(),
                                    "unknown service name '"
                                            + named.name()
                                            + "'"
                                            + Suggestions.hint(named.name(), WellKnownPorts.names())
                                            + "; use a port number or a well-known service name");
                        }
                    }
                }
            }
            spec.endPort()
                    .filter(end -> !PolicyResolver.inRange(end.value()))
                    .ifPresent(end -> context.report(
                            policy, end.span(), "endPort " + end.value() + " is out of range; expected 1-65535"));
        });
    }
}
