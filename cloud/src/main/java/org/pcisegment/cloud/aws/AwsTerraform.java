package org.pcisegment.cloud.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pcisegment.cloud.CloudConfig;
import org.pcisegment.cloud.CloudRule;
import org.pcisegment.cloud.Hcl;
import org.pcisegment.cloud.TerraformExport;
import org.pcisegment.core.policy.Direction;

/**
 * {@code aws_security_group} resources with inline rules. Inline blocks make Terraform
 * authoritative over the group's rules: it removes the allow-all egress rule AWS adds, and {@code
 * egress = []} keeps a group with no egress rule empty.
 */
public final class AwsTerraform {
    private AwsTerraform() {}

    public static String write(
            String policySetSha256, CloudConfig config, List<TerraformExport.Group> groups, List<String> notes) {
        List<String> header = new ArrayList<>();
        header.add("Attachments to instances are not exported: cloud-sync attaches each group to the instances");
        header.add("whose tags its policy selects (CDE tag " + config.cdeTag() + ").");
        notes.forEach(n -> header.add("Note: " + n));
        StringBuilder out = new StringBuilder(Hcl.header("pci-segment cloud-export", policySetSha256, header));
        for (TerraformExport.Group group : groups) {
            out.append("resource \"aws_security_group\" ")
                    .append(Hcl.quote(Hcl.label(group.policy())))
                    .append(" {\n");
            out.append(Hcl.attributes(
                    "  ",
                    List.of(
                            Map.entry("name", Hcl.quote(group.name())),
                            Map.entry("description", Hcl.quote("pci-segment policy " + group.policy())),
                            Map.entry("vpc_id", Hcl.quote(config.vpc().orElseThrow())))));
            out.append('\n');
            for (Direction direction : Direction.values()) {
                String block = direction == Direction.INGRESS ? "ingress" : "egress";
                List<CloudRule> rules = group.rules().stream()
                        .filter(r -> r.direction() == direction)
                        .toList();
                if (rules.isEmpty()) {
                    out.append("  ").append(block).append(" = []\n\n");
                    continue;
                }
                // One block per (protocol, ports, origin): its IPv4 and IPv6 blocks together.
                Map<String, List<CloudRule>> shapes = new LinkedHashMap<>();
                for (CloudRule rule : rules) {
                    shapes.computeIfAbsent(
                                    rule.protocol() + "|" + rule.fromPort() + "|" + rule.toPort() + "|"
                                            + rule.description(),
                                    k -> new ArrayList<>())
                            .add(rule);
                }
                for (List<CloudRule> shape : shapes.values()) {
                    CloudRule first = shape.getFirst();
                    List<String> v4 = shape.stream()
                            .map(CloudRule::peer)
                            .filter(p -> p.indexOf(':') < 0)
                            .toList();
                    List<String> v6 = shape.stream()
                            .map(CloudRule::peer)
                            .filter(p -> p.indexOf(':') >= 0)
                            .toList();
                    out.append("  ").append(block).append(" {\n");
                    out.append(Hcl.attributes(
                            "    ",
                            List.of(
                                    Map.entry("description", Hcl.quote(first.description())),
                                    Map.entry("protocol", Hcl.quote(AwsRules.wireProtocol(first.protocol()))),
                                    Map.entry("from_port", Integer.toString(Math.max(0, first.fromPort()))),
                                    Map.entry("to_port", Integer.toString(Math.max(0, first.toPort()))),
                                    Map.entry("cidr_blocks", Hcl.list(v4)),
                                    Map.entry("ipv6_cidr_blocks", Hcl.list(v6)))));
                    out.append("  }\n\n");
                }
            }
            out.append(Hcl.map("  ", "tags", group.tags()));
            out.append("}\n\n");
        }
        return out.toString().stripTrailing() + "\n";
    }
}
