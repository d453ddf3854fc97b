package org.pcisegment.core.pci.rules;

import java.util.Optional;
import org.pcisegment.core.ir.PolicyResolver;
import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.net.WellKnownPorts;
import org.pcisegment.core.pci.PciRule;
import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.core.pci.ValidationContext;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.core.policy.PortSpec;

/** Cleartext services to or from the CDE are named so that their security features are shown. */
@RuleInfo(
        id = "PCI-CDE-INSECURE-SERVICE",
        requirement = "1.2.6",
        severity = Severity.WARNING,
        summary = "cleartext services to or from the CDE must be justified and secured",
        rationale = "Insecure services such as Telnet, FTP and plain HTTP expose credentials and data; where"
                + " one is needed, compensating security features must be defined.",
        remediation = "Replace the service with its encrypted form (SSH, SFTP, HTTPS), or document the"
                + " security features that protect it.")
public final class InsecureServiceRule implements PciRule {
    @Override
    public void check(ValidationContext context) {
        for (Direction direction : Direction.values()) {
            for (CdeRules.CdeRule cde : CdeRules.rules(context, direction)) {
                // Each port entry is judged on its own, so the finding points at the port that opens
                // the service. Entries without a port open every port: PCI-CDE-PORTS-EXPLICIT reports them.
                for (PortSpec spec : cde.rule().ports()) {
                    Optional<Protocol> protocol = PolicyResolver.protocol(spec);
                    Optional<PortSet> ports = PolicyResolver.ports(spec);
                    if (spec.port().isEmpty() || protocol.isEmpty() || ports.isEmpty()) {
                        continue;
                    }
                    for (WellKnownPorts.InsecureService service :
                            WellKnownPorts.insecureServicesIn(protocol.get(), ports.get())) {
                        context.report(
                                cde.policy(),
                                spec.port().get().span(),
                                "CDE "
                                        + direction.sectionField()
                                        + " rule "
                                        + cde.rule().label()
                                        + " allows "
                                        + service.name()
                                        + " ("
                                        + protocol.get()
                                        + " "
                                        + service.port()
                                        + "): "
                                        + service.why());
                    }
                }
            }
        }
    }
}
