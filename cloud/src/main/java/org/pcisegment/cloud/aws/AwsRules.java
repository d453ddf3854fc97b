package org.pcisegment.cloud.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pcisegment.cloud.CloudConfig;
import org.pcisegment.cloud.CloudRule;
import org.pcisegment.cloud.PolicyIntent;
import org.pcisegment.cloud.ProviderRules;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.policy.Direction;

/**
 * How allowed flows become AWS security group rules. Security groups only allow, their rules add up
 * across the groups of an interface, and everything no rule allows is denied, so a policy's allows
 * map one to one: one rule per (direction, protocol, port range, CIDR block). Every port of TCP or
 * UDP is 0-65535, as the console writes it. AWS ignores ports for protocols other than TCP, UDP and
 * ICMP, so an SCTP rule limited to some ports cannot be written: it is left out (denied) and noted.
 */
public final class AwsRules implements ProviderRules {
    /** The rule AWS puts into every new VPC security group: all egress to 0.0.0.0/0. */
    static final CloudRule DEFAULT_EGRESS = rule(Direction.EGRESS, "all", -1, -1, "0.0.0.0/0", "");

    @Override
    public CloudConfig.Provider kind() {
        return CloudConfig.Provider.AWS;
    }

    @Override
    public String groupNoun() {
        return "security group";
    }

    @Override
    public int maxGroupsPerInstance() {
        return 5;
    }

    @Override
    public List<CloudRule> rules(List<PolicyIntent> intents, List<CloudRule> current, List<String> notes) {
        Map<String, CloudRule> rules = new LinkedHashMap<>();
        for (PolicyIntent intent : intents) {
            for (PolicyIntent.Allow allow : intent.allows()) {
                CloudRule rule;
                if (allow.protocol() == Protocol.SCTP) {
                    if (!allow.allPorts()) {
                        notes.add(allow.origin() + ": SCTP port " + allow.ports() + " to/from " + allow.peer()
                                + " cannot be limited to ports in a security group; left out (denied)");
                        continue;
                    }
                    rule = rule(allow.direction(), "sctp", -1, -1, allow.peer().canonical(), allow.origin());
                } else {
                    int from = allow.allPorts() ? 0 : allow.ports().first();
                    int to = allow.allPorts() ? 65535 : allow.ports().last();
                    rule = rule(
                            allow.direction(),
                            allow.protocol().lowerName(),
                            from,
                            to,
                            allow.peer().canonical(),
                            allow.origin());
                }
                rules.putIfAbsent(rule.name(), rule);
            }
        }
        List<CloudRule> sorted = new ArrayList<>(rules.values());
        sorted.sort(CloudRule.ORDER);
        for (Direction direction : Direction.values()) {
            long count = sorted.stream().filter(r -> r.direction() == direction).count();
            if (count > 60) {
                notes.add(count + " " + direction.sectionField() + " rules: above the default AWS quota of 60 per"
                        + " direction; raise the quota or the apply will fail");
            }
        }
        return sorted;
    }

    @Override
    public List<CloudRule> rulesAddedOnCreate() {
        return List.of(DEFAULT_EGRESS);
    }

    /** A rule named by its content: AWS rules have no names, their content is their identity. */
    static CloudRule rule(Direction direction, String protocol, int from, int to, String peer, String description) {
        CloudRule unnamed =
                new CloudRule("", direction, CloudRule.Access.ALLOW, protocol, from, to, peer, 0, description);
        return unnamed.withName(unnamed.key());
    }

    /** The EC2 protocol text for a neutral protocol name. */
    static String wireProtocol(String protocol) {
        return switch (protocol) {
            case "all" -> "-1";
            case "sctp" -> "132";
            default -> protocol;
        };
    }

    /** The neutral protocol name for what EC2 returns (names or numbers). */
    static String neutralProtocol(String wire) {
        return switch (wire) {
            case "-1" -> "all";
            case "6" -> "tcp";
            case "17" -> "udp";
            case "132", "sctp" -> "sctp";
            case "1" -> "icmp";
            case "58" -> "icmpv6";
            default -> wire;
        };
    }

    /** Whether EC2 keeps ports for a protocol (TCP, UDP; ICMP type and code). */
    static boolean hasPorts(String protocol) {
        return protocol.equals("tcp") || protocol.equals("udp") || protocol.equals("icmp") || protocol.equals("icmpv6");
    }
}
