package org.pcisegment.enforce.nft;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.pcisegment.core.net.IpFamily;
import org.pcisegment.core.net.IpRange;
import org.pcisegment.core.net.PortRange;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.enforce.BaselineAllowance;
import org.pcisegment.enforce.DesiredState;
import org.pcisegment.enforce.EnforcedItem;
import org.pcisegment.enforce.EnforcementMetadata;

/**
 * Writes the desired state of a host as our nftables table, {@code table inet pci_segment}:
 *
 * <ul>
 *   <li>per restricted direction a base chain on the input or output hook with policy drop;
 *   <li>loopback, return traffic ({@code ct direction reply}, {@code ct state related}) and IPv6
 *       neighbour discovery accepted first, then the management exception (inbound);
 *   <li>the allows as interval sets keyed by (peer address, protocol, port), one per direction and
 *       family, with a counter and the policy rule as comment on every element;
 *   <li>a rate-limited {@code log group N} (nflog) and a counted drop at the end.
 * </ul>
 *
 * Packets of established connections in their original direction are checked against the allows
 * again, so a policy change also stops connections that the new policies no longer allow.
 * Forwarded traffic is not filtered: the workload is this host's own traffic; a forward hook would
 * cut routing for containers or VMs the policies do not describe.
 */
final class NftRulesetWriter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

    private final NftOptions options;

    NftRulesetWriter(NftOptions options) {
        this.options = options;
    }

    /** The whole table, in nft syntax. */
    String table(DesiredState desired) {
        StringBuilder out = new StringBuilder(2048 + 80 * desired.items().size());
        out.append("table ").append(NftLayout.QUALIFIED_TABLE).append(" {\n");
        out.append("\tcomment ")
                .append(quote(metadataComment(desired.metadata())))
                .append('\n');
        for (IpFamily family : IpFamily.values()) {
            List<String> elements = new ArrayList<>();
            for (EnforcedItem.Management item : desired.effectiveManagement().items()) {
                if (item.sources().family() == family) {
                    elements.add(element(item.sources(), item.protocol(), item.ports()) + " comment "
                            + quote(NftLayout.MANAGEMENT_COMMENT));
                }
            }
            set(out, NftLayout.managementSet(family), family, false, elements);
        }
        for (Direction direction : Direction.values()) {
            List<EnforcedItem.Allow> allows = desired.allows(direction);
            for (IpFamily family : IpFamily.values()) {
                List<String> elements = new ArrayList<>();
                for (EnforcedItem.Allow item : allows) {
                    if (item.peers().family() == family) {
                        elements.add(element(item.peers(), item.protocol(), item.ports()) + " comment "
                                + quote(item.origin()));
                    }
                }
                set(out, NftLayout.allowSet(direction, family), family, true, elements);
            }
        }
        for (Direction direction : Direction.values()) {
            if (desired.restricted(direction)) {
                chain(out, desired, direction);
            }
        }
        out.append("}\n");
        return out.toString();
    }

    /**
     * The transaction that replaces our table, and only it, by {@code table}: declaring the table
     * first makes the delete valid when none exists; the kernel commits all three or none.
     */
    static String replaceTransaction(String table) {
        return "add table " + NftLayout.QUALIFIED_TABLE + "\ndelete table " + NftLayout.QUALIFIED_TABLE + "\n" + table;
    }

    /** The transaction that removes our table, whether or not it exists. */
    static String removeTransaction() {
        return "add table " + NftLayout.QUALIFIED_TABLE + "\ndelete table " + NftLayout.QUALIFIED_TABLE + "\n";
    }

    /** "pci-segment HASH TIME VERSION": at most 128 characters, the limit of nftables comments. */
    static String metadataComment(EnforcementMetadata metadata) {
        return NftLayout.METADATA_MARK + " " + metadata.ruleSetSha256() + " " + TIME.format(metadata.appliedAt()) + " "
                + metadata.toolVersion();
    }

    private void chain(StringBuilder out, DesiredState desired, Direction direction) {
        String name = direction.sectionField();
        String hook = NftLayout.chain(direction);
        out.append("\n\tchain ").append(hook).append(" {\n");
        out.append("\t\ttype filter hook ").append(hook).append(" priority filter; policy drop;\n");
        for (BaselineAllowance allowance : desired.baseline()) {
            String comment = quote(new EnforcedItem.Baseline(direction, allowance).text());
            switch (allowance) {
                case LOOPBACK ->
                    rule(out, (direction == Direction.INGRESS ? "iif" : "oif") + " \"lo\" counter accept", comment);
                case RETURN_TRAFFIC -> {
                    rule(out, "ct direction reply ct state established counter accept", comment);
                    rule(out, "ct state related counter accept", comment);
                }
                case IPV6_NEIGHBOUR_DISCOVERY ->
                    rule(
                            out,
                            "icmpv6 type { nd-router-solicit, nd-router-advert, nd-neighbor-solicit,"
                                    + " nd-neighbor-advert } counter accept",
                            comment);
            }
        }
        for (IpFamily family : IpFamily.values()) {
            boolean management = direction == Direction.INGRESS
                    && desired.effectiveManagement().items().stream()
                            .anyMatch(m -> m.sources().family() == family);
            if (management) {
                rule(
                        out,
                        match(family, direction) + " @" + NftLayout.managementSet(family) + " counter accept",
                        quote(name + " " + NftLayout.MANAGEMENT_COMMENT));
            }
        }
        List<EnforcedItem.Allow> allows = desired.allows(direction);
        for (IpFamily family : IpFamily.values()) {
            if (allows.stream().anyMatch(a -> a.peers().family() == family)) {
                rule(
                        out,
                        match(family, direction) + " @" + NftLayout.allowSet(direction, family) + " counter accept",
                        quote(name + NftLayout.ALLOW_COMMENT_SUFFIX));
            }
        }
        rule(
                out,
                "limit rate " + options.logRatePerSecond() + "/second burst " + options.logBurst()
                        + " packets log prefix " + quote("pci-segment deny " + name + ": ") + " group "
                        + options.nflogGroup(),
                quote(name + NftLayout.DENY_LOG_SUFFIX));
        String restrictedBy = String.join(", ", desired.restrictedBy(direction));
        rule(
                out,
                "counter drop",
                quote(truncate(
                        new EnforcedItem.DefaultDeny(direction).text() + " (restricted by " + restrictedBy + ")")));
        out.append("\t}\n");
    }

    /** "ip saddr . meta l4proto . th dport": the key of the sets. */
    private static String match(IpFamily family, Direction direction) {
        return NftLayout.addressProtocol(family) + " " + NftLayout.peerField(direction) + " . meta l4proto . th dport";
    }

    /** A set keyed by (address, protocol, port); none is written when it would be empty. */
    private static void set(StringBuilder out, String name, IpFamily family, boolean counters, List<String> elements) {
        if (elements.isEmpty()) {
            return;
        }
        out.append("\n\tset ").append(name).append(" {\n");
        out.append("\t\ttype ").append(NftLayout.addressType(family)).append(" . inet_proto . inet_service\n");
        out.append("\t\tflags interval\n");
        if (counters) {
            out.append("\t\tcounter\n");
        }
        out.append("\t\telements = { ");
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                out.append(",\n\t\t\t     ");
            }
            out.append(elements.get(i));
        }
        out.append(" }\n\t}\n");
    }

    private static String element(IpRange peers, Protocol protocol, PortRange ports) {
        return address(peers) + " . " + protocol.lowerName() + " . " + ports;
    }

    /** One address, a prefix, or "first-last": the shortest form nft accepts for the range. */
    static String address(IpRange range) {
        var cidrs = range.toCidrs();
        if (cidrs.size() == 1) {
            var cidr = cidrs.getFirst();
            return cidr.prefixLength() == cidr.family().bits() ? cidr.network().toString() : cidr.toString();
        }
        return range.first() + "-" + range.last();
    }

    private static void rule(StringBuilder out, String statement, String quotedComment) {
        out.append("\t\t")
                .append(statement)
                .append(" comment ")
                .append(quotedComment)
                .append('\n');
    }

    private static String quote(String text) {
        return "\"" + text.replace("\"", "'") + "\"";
    }

    /** nftables keeps comments of up to 128 characters. */
    static String truncate(String text) {
        return text.length() <= 128 ? text : text.substring(0, 125) + "...";
    }
}
