package org.pcisegment.cloud;

import java.util.Comparator;
import java.util.Set;
import org.pcisegment.core.policy.Direction;

/**
 * One security-group or NSG rule in a provider-neutral form: one direction, one protocol, one port
 * range and one peer. Desired rules are built this way from the policies; rules read from the cloud
 * are flattened into it (a permission listing three CIDRs becomes three rules), so that desired and
 * actual compare rule by rule.
 *
 * @param name the rule's identity within its group: the Azure rule name; for AWS, whose rules have
 *     no names, the {@link #key()}
 * @param protocol {@code tcp}, {@code udp}, {@code sctp}, {@code icmp}, {@code icmpv6}, {@code all},
 *     or an IP protocol number
 * @param fromPort first port, {@code -1} when the protocol has no ports
 * @param toPort last port, {@code -1} when the protocol has no ports; 0-65535 means every port
 * @param peer the other end: a canonical CIDR block, {@link #ANY} for every address, or a provider
 *     reference (an AWS group or prefix list id, an Azure service tag)
 * @param priority the Azure priority (lower wins); 0 for AWS
 * @param description where the rule comes from ("cde-payment-api ingress[0]"), not part of its identity
 */
public record CloudRule(
        String name,
        Direction direction,
        Access access,
        String protocol,
        int fromPort,
        int toPort,
        String peer,
        int priority,
        String description) {

    /** Every address of both families (Azure "*"). */
    public static final String ANY = "*";

    /** Peers that mean "the whole internet". */
    private static final Set<String> WORLD = Set.of(ANY, "0.0.0.0/0", "::/0", "Internet", "any");

    public static final Comparator<CloudRule> ORDER = Comparator.comparing(CloudRule::direction)
            .thenComparing(CloudRule::access)
            .thenComparing(CloudRule::protocol)
            .thenComparingInt(CloudRule::fromPort)
            .thenComparingInt(CloudRule::toPort)
            .thenComparing(CloudRule::peer)
            .thenComparing(CloudRule::name);

    /** Whether a rule allows or denies (AWS rules only allow). */
    public enum Access {
        ALLOW,
        DENY
    }

    public CloudRule withName(String newName) {
        return new CloudRule(newName, direction, access, protocol, fromPort, toPort, peer, priority, description);
    }

    public CloudRule withPriority(int newPriority) {
        return new CloudRule(name, direction, access, protocol, fromPort, toPort, peer, newPriority, description);
    }

    /** The content that decides what the rule does: everything but the name, priority and description. */
    public String key() {
        return direction.sectionField() + " " + access.name().toLowerCase(java.util.Locale.ROOT) + " " + protocol + " "
                + portText() + " " + peer;
    }

    /** Same name, same effect and same priority: nothing to change. */
    public boolean sameAs(CloudRule other) {
        return name.equals(other.name) && key().equals(other.key()) && priority == other.priority;
    }

    public boolean allPorts() {
        return fromPort == -1 || (fromPort <= 1 && toPort == 65535);
    }

    /** True when the peer is every address of a family or of both. */
    public boolean opensToWorld() {
        return WORLD.contains(peer);
    }

    public boolean isAllow() {
        return access == Access.ALLOW;
    }

    /** "443", "8000-8080", "all" (every port, or a protocol without ports). */
    public String portText() {
        if (fromPort < 0 || (fromPort == 0 && toPort == 65535)) {
            return "all";
        }
        return fromPort == toPort ? Integer.toString(fromPort) : fromPort + "-" + toPort;
    }

    /** "ingress allow tcp 443 from 10.0.2.10/32", as plans and findings show it. */
    public String display() {
        String verb = access == Access.ALLOW ? "allow" : "deny";
        String ports = protocol.equals("all") ? "" : " " + portText();
        String side = direction == Direction.INGRESS ? " from " : " to ";
        String where = peer.equals(ANY) ? "any" : peer;
        String order = priority > 0 ? " (priority " + priority + ")" : "";
        return direction.sectionField() + " " + verb + " " + protocol + ports + side + where + order;
    }
}
