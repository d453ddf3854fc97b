package org.pcisegment.core.pci;

import java.util.List;
import org.pcisegment.core.pci.rules.ApiVersionRule;
import org.pcisegment.core.pci.rules.CdeLabelRule;
import org.pcisegment.core.pci.rules.CidrSyntaxRule;
import org.pcisegment.core.pci.rules.DuplicateNameRule;
import org.pcisegment.core.pci.rules.EgressUnrestrictedRule;
import org.pcisegment.core.pci.rules.EndPortRule;
import org.pcisegment.core.pci.rules.ExceptWithinCidrRule;
import org.pcisegment.core.pci.rules.ExplicitPortsRule;
import org.pcisegment.core.pci.rules.HostBitsRule;
import org.pcisegment.core.pci.rules.InboundAnySourceRule;
import org.pcisegment.core.pci.rules.InboundNonCdeRule;
import org.pcisegment.core.pci.rules.InboundUntrustedRule;
import org.pcisegment.core.pci.rules.InsecureServiceRule;
import org.pcisegment.core.pci.rules.JustificationRule;
import org.pcisegment.core.pci.rules.KindRule;
import org.pcisegment.core.pci.rules.NameRule;
import org.pcisegment.core.pci.rules.PolicyTypesRule;
import org.pcisegment.core.pci.rules.PortRule;
import org.pcisegment.core.pci.rules.ProtocolRule;
import org.pcisegment.core.pci.rules.RequirementCitationRule;
import org.pcisegment.core.pci.rules.SelectorMatchesNothingRule;
import org.pcisegment.core.pci.rules.UnprotectedCdeRule;
import org.pcisegment.core.pci.rules.WidePortRangeRule;

/** Every PCI rule, in the order they run. Adding a rule: one class here and its fixtures. */
public final class PciRules {
    private static final List<PciRule> ALL = List.of(
            new ApiVersionRule(),
            new KindRule(),
            new NameRule(),
            new DuplicateNameRule(),
            new CidrSyntaxRule(),
            new ExceptWithinCidrRule(),
            new HostBitsRule(),
            new PortRule(),
            new EndPortRule(),
            new ProtocolRule(),
            new PolicyTypesRule(),
            new RequirementCitationRule(),
            new CdeLabelRule(),
            new SelectorMatchesNothingRule(),
            new UnprotectedCdeRule(),
            new InboundAnySourceRule(),
            new InboundNonCdeRule(),
            new InboundUntrustedRule(),
            new EgressUnrestrictedRule(),
            new ExplicitPortsRule(),
            new WidePortRangeRule(),
            new JustificationRule(),
            new InsecureServiceRule());

    private PciRules() {}

    public static List<PciRule> all() {
        return ALL;
    }

    public static List<RuleInfo> infos() {
        return ALL.stream().map(PciRule::info).toList();
    }
}
