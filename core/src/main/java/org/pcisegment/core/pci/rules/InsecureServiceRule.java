package org.pcisegment.core.pci.rules;

import java.util.Map;
import org.pcisegment.core.ir.PolicyResolver;
import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.net.WellKnownPorts;
import org.pcisegment.core.pci.PciRule;
import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.core.pci.ValidationContext;
import org.pcisegment.core.policy.Direction;

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
                if (cde.rule().allowsAllPorts()) {
                    continue; // PCI-CDE-PORTS-EXPLICIT reports it
                }
                for (Map.Entry<Protocol, PortSet> entry :
                        PolicyResolver.services(cde.rule()).entrySet()) {
                    for (WellKnownPorts.InsecureService service :
                            WellKnownPorts.insecureServicesIn(entry.getKey(), entry.getValue())) {
                        context.report(
                                cde.policy(),
                                cde.rule().span(),
                                "CDE "
                                        + direction.sectionField()
                                        + " rule "
                                        + cde.rule().label()
                                        + " allows "
                                        + service.name()
                                        + " ("
                                        + entry.getKey()
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
