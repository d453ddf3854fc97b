package org.pcisegment.cloud.azure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pcisegment.cloud.CloudConfig;
import org.pcisegment.cloud.CloudRule;
import org.pcisegment.cloud.Hcl;
import org.pcisegment.cloud.TerraformExport;
import org.pcisegment.core.policy.Direction;

/**
 * {@code azurerm_network_security_group} resources with inline {@code security_rule} blocks, the
 * allows at the priorities a first sync gives them and the deny-all of each direction at 4096.
 */
public final class AzureTerraform {
    private AzureTerraform() {}

    public static String write(
            String policySetSha256, CloudConfig config, List<TerraformExport.Group> groups, List<String> notes) {
        List<String> header = new ArrayList<>();
        header.add("NIC associations are not exported: cloud-sync gives each NIC the NSG of the policies its tags");
        header.add("select (CDE tag " + config.cdeTag() + "); a NIC that several policies select gets one");
        header.add("NSG holding the union of their rules, since Azure allows one NSG per NIC.");
        notes.forEach(n -> header.add("Note: " + n));
        StringBuilder out = new StringBuilder(Hcl.header("pci-segment cloud-export", policySetSha256, header));
        for (TerraformExport.Group group : groups) {
            out.append("resource \"azurerm_network_security_group\" ")
                    .append(Hcl.quote(Hcl.label(group.policy())))
                    .append(" {\n");
            out.append(Hcl.attributes(
                    "  ",
                    List.of(
                            Map.entry("name", Hcl.quote(group.name())),
                            Map.entry("location", Hcl.quote(config.location().orElseThrow())),
                            Map.entry(
                                    "resource_group_name",
                                    Hcl.quote(config.resourceGroup().orElseThrow())))));
            out.append('\n');
            for (CloudRule rule : group.rules()) {
                boolean inbound = rule.direction() == Direction.INGRESS;
                String peer = rule.peer();
                out.append("  security_rule {\n");
                out.append(Hcl.attributes(
                        "    ",
                        List.of(
                                Map.entry("name", Hcl.quote(rule.name())),
                                Map.entry("description", Hcl.quote(rule.description())),
                                Map.entry("priority", Integer.toString(rule.priority())),
                                Map.entry("direction", Hcl.quote(inbound ? "Inbound" : "Outbound")),
                                Map.entry("access", Hcl.quote(rule.isAllow() ? "Allow" : "Deny")),
                                Map.entry("protocol", Hcl.quote(AzureRules.wireProtocol(rule.protocol()))),
                                Map.entry("source_port_range", Hcl.quote("*")),
                                Map.entry("destination_port_range", Hcl.quote(AzureRules.wirePorts(rule))),
                                Map.entry("source_address_prefix", Hcl.quote(inbound ? peer : "*")),
                                Map.entry("destination_address_prefix", Hcl.quote(inbound ? "*" : peer)))));
                out.append("  }\n\n");
            }
            out.append(Hcl.map("  ", "tags", group.tags()));
            out.append("}\n\n");
        }
        return out.toString().stripTrailing() + "\n";
    }
}
