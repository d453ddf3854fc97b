package org.pcisegment.cloud.azure;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pcisegment.cloud.CloudConfig;
import org.pcisegment.cloud.CloudRule;
import org.pcisegment.cloud.GroupNames;
import org.pcisegment.cloud.PolicyIntent;
import org.pcisegment.cloud.ProviderRules;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.policy.Direction;

/**
 * How allowed flows become Azure NSG rules. An NSG's default rules allow the VNet and outbound
 * internet traffic, so every NSG we write ends each direction with an explicit deny-all at priority
 * 4096, the last custom priority; allows get priorities from 100 up. Priorities are stable: a rule
 * already in the NSG keeps its priority, new rules take the lowest free ones, so adding one rule
 * never renumbers the others. Rule names are derived from the rule's content, so a rule edited in
 * the portal shows as changed. NSG rules name no SCTP: SCTP allows are left out (denied) and noted.
 */
public final class AzureRules implements ProviderRules {
    public static final int FIRST_PRIORITY = 100;
    public static final int DENY_ALL_PRIORITY = 4096;
    private static final int MAX_RULES = 1000;

    @Override
    public CloudConfig.Provider kind() {
        return CloudConfig.Provider.AZURE;
    }

    @Override
    public String groupNoun() {
        return "NSG";
    }

    @Override
    public int maxGroupsPerInstance() {
        return 1;
    }

    @Override
    public List<CloudRule> rules(List<PolicyIntent> intents, List<CloudRule> current, List<String> notes) {
        Map<String, CloudRule> allows = new LinkedHashMap<>();
        for (PolicyIntent intent : intents) {
            for (PolicyIntent.Allow allow : intent.allows()) {
                if (allow.protocol() == Protocol.SCTP) {
                    notes.add(
                            allow.origin() + ": SCTP to/from " + allow.peer()
                                    + " cannot be written in an NSG (protocols: TCP, UDP, ICMP, ESP, AH, any); left out (denied)");
                    continue;
                }
                int from = allow.allPorts() ? 0 : allow.ports().first();
                int to = allow.allPorts() ? 65535 : allow.ports().last();
                CloudRule rule = named(new CloudRule(
                        "",
                        allow.direction(),
                        CloudRule.Access.ALLOW,
                        allow.protocol().lowerName(),
                        from,
                        to,
                        allow.peer().canonical(),
                        0,
                        allow.origin()));
                allows.putIfAbsent(rule.name(), rule);
            }
        }
        Map<String, CloudRule> present = new LinkedHashMap<>();
        current.forEach(r -> present.putIfAbsent(r.name(), r));
        List<CloudRule> result = new ArrayList<>();
        for (Direction direction : Direction.values()) {
            List<CloudRule> wanted = new ArrayList<>(allows.values().stream()
                    .filter(r -> r.direction() == direction)
                    .toList());
            wanted.sort(CloudRule.ORDER);
            Set<Integer> used = new HashSet<>();
            Map<String, Integer> priorities = new LinkedHashMap<>();
            for (CloudRule rule : wanted) {
                CloudRule existing = present.get(rule.name());
                if (existing != null
                        && existing.key().equals(rule.key())
                        && existing.priority() >= FIRST_PRIORITY
                        && existing.priority() < DENY_ALL_PRIORITY
                        && used.add(existing.priority())) {
                    priorities.put(rule.name(), existing.priority());
                }
            }
            int next = FIRST_PRIORITY;
            for (CloudRule rule : wanted) {
                if (priorities.containsKey(rule.name())) {
                    continue;
                }
                while (used.contains(next)) {
                    next++;
                }
                if (next >= DENY_ALL_PRIORITY) {
                    notes.add(rule.description() + ": no free priority below " + DENY_ALL_PRIORITY + " for "
                            + rule.display().strip() + "; left out (denied)");
                    continue;
                }
                used.add(next);
                priorities.put(rule.name(), next);
            }
            for (CloudRule rule : wanted) {
                Integer priority = priorities.get(rule.name());
                if (priority != null) {
                    result.add(rule.withPriority(priority));
                }
            }
            result.add(denyAll(direction));
        }
        if (result.size() > MAX_RULES) {
            notes.add(
                    result.size() + " rules: above the Azure limit of " + MAX_RULES + " per NSG; the apply will fail");
        }
        return result;
    }

    @Override
    public List<CloudRule> rulesAddedOnCreate() {
        return List.of();
    }

    /** The explicit deny of everything else, at the last custom priority. */
    public static CloudRule denyAll(Direction direction) {
        return new CloudRule(
                direction == Direction.INGRESS ? "deny-all-inbound" : "deny-all-outbound",
                direction,
                CloudRule.Access.DENY,
                "all",
                -1,
                -1,
                CloudRule.ANY,
                DENY_ALL_PRIORITY,
                "pci-segment: deny everything the policies do not allow");
    }

    /** "in-tcp-443-1a2b3c4d": direction, protocol, ports and a hash of the whole content. */
    static CloudRule named(CloudRule rule) {
        return rule.withName((rule.direction() == Direction.INGRESS ? "in-" : "out-") + rule.protocol() + "-"
                + rule.portText() + "-" + GroupNames.shortHash(rule.key(), 10));
    }

    /** The NSG protocol for a neutral name: Tcp, Udp, Icmp, Esp, Ah, or * for all. */
    static String wireProtocol(String protocol) {
        return switch (protocol) {
            case "all" -> "*";
            case "tcp" -> "Tcp";
            case "udp" -> "Udp";
            case "icmp" -> "Icmp";
            case "esp" -> "Esp";
            case "ah" -> "Ah";
            default -> throw new IllegalArgumentException("no NSG protocol for " + protocol);
        };
    }

    static String neutralProtocol(String wire) {
        return wire.equals("*") ? "all" : wire.toLowerCase(java.util.Locale.ROOT);
    }

    /** "*" for every port, "443", or "8000-8080". */
    static String wirePorts(CloudRule rule) {
        return rule.portText().equals("all") ? "*" : rule.portText();
    }
}
