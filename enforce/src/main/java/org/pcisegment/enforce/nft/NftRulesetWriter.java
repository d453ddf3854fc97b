package org.pcisegment.enforce.nft;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pcisegment.core.net.IpFamily;
import org.pcisegment.core.net.IpRange;
import org.pcisegment.core.net.PortRange;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.enforce.DesiredState;
import org.pcisegment.enforce.EnforcedItem;
import org.pcisegment.enforce.EnforcementMetadata;

/**
 * Writes a host's items as our nftables table, {@code table inet pci_segment}:
 *
 * <ul>
 *   <li>per restricted direction a base chain on the input or output hook with policy drop;
 *   <li>loopback, return traffic ({@code ct direction reply}, {@code ct state related}) and IPv6
 *       neighbour discovery accepted first, then the management exception (inbound);
 *   <li>the allows as interval sets keyed by (peer address, protocol, port), one per direction and
 *       family, with a counter and the policy rule as comment on every element;
 *   <li>a rate-limited {@code log group N} (nflog) and a counted drop at the end;
 *   <li>the metadata as the comment of the table and of an empty set {@code metadata} (nftables
 *       1.0.6 leaves table comments out of its JSON listing, set comments in).
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

    /** The table enforcing {@code desired}. */
    String table(DesiredState desired) {
        Map<Direction, String> denyComments = new EnumMap<>(Direction.class);
        for (Direction direction : Direction.values()) {
            denyComments.put(
                    direction,
                    new EnforcedItem.DefaultDeny(direction).text() + " (restricted by "
                            + String.join(", ", desired.restrictedBy(direction)) + ")");
        }
        return table(Optional.of(desired.metadata()), desired.items(), denyComments);
    }

    /**
     * The table holding {@code items}: what {@link #table(DesiredState)} writes, and how a table
     * read back is written again to restore it (its counters start from zero).
     *
     * @param denyComments per direction, the comment of the default-deny rule
     */
    String table(
            Optional<EnforcementMetadata> metadata, List<EnforcedItem> items, Map<Direction, String> denyComments) {
        Map<Direction, List<EnforcedItem>> byDirection = new EnumMap<>(Direction.class);
        for (Direction direction : Direction.values()) {
            byDirection.put(
                    direction,
                    items.stream().filter(i -> i.direction() == direction).toList());
        }
        StringBuilder out = new StringBuilder(2048 + 80 * items.size());
        out.append("table ").append(NftLayout.QUALIFIED_TABLE).append(" {\n");
        metadata.ifPresent(m -> {
            String comment = quote(metadataComment(m));
            out.append("\tcomment ").append(comment).append('\n');
            out.append("\n\tset ").append(NftLayout.METADATA_SET).append(" {\n\t\ttype inet_service\n\t\tcomment ");
            out.append(comment).append("\n\t}\n");
        });
        for (IpFamily family : IpFamily.values()) {
            List<String> elements = new ArrayList<>();
            for (EnforcedItem item : items) {
                if (item instanceof EnforcedItem.Management m && m.sources().family() == family) {
                    elements.add(element(m.sources(), m.protocol(), m.ports()) + " comment "
                            + quote(NftLayout.MANAGEMENT_COMMENT));
                }
            }
            set(out, NftLayout.managementSet(family), family, false, elements);
        }
        for (Direction direction : Direction.values()) {
            for (IpFamily family : IpFamily.values()) {
                List<String> elements = new ArrayList<>();
                for (EnforcedItem item : byDirection.getOrDefault(direction, List.of())) {
                    if (item instanceof EnforcedItem.Allow a && a.peers().family() == family) {
                        elements.add(element(a.peers(), a.protocol(), a.ports()) + " comment " + quote(a.origin()));
                    }
                }
                set(out, NftLayout.allowSet(direction, family), family, true, elements);
            }
        }
        for (Direction direction : Direction.values()) {
            List<EnforcedItem> side = byDirection.getOrDefault(direction, List.of());
            if (side.contains(new EnforcedItem.DefaultDeny(direction))) {
                chain(out, direction, side, denyComments.getOrDefault(direction, ""));
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

    private void chain(StringBuilder out, Direction direction, List<EnforcedItem> side, String denyComment) {
        String name = direction.sectionField();
        String hook = NftLayout.chain(direction);
        out.append("\n\tchain ").append(hook).append(" {\n");
        out.append("\t\ttype filter hook ").append(hook).append(" priority filter; policy drop;\n");
        for (EnforcedItem item : side) {
            if (!(item instanceof EnforcedItem.Baseline baseline)) {
                continue;
            }
            String comment = quote(baseline.text());
            switch (baseline.allowance()) {
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
            if (side.stream()
                    .anyMatch(i -> i instanceof EnforcedItem.Management m
                            && m.sources().family() == family)) {
                rule(
                        out,
                        match(family, direction) + " @" + NftLayout.managementSet(family) + " counter accept",
                        quote(name + " " + NftLayout.MANAGEMENT_COMMENT));
            }
        }
        for (IpFamily family : IpFamily.values()) {
            if (side.stream()
                    .anyMatch(
                            i -> i instanceof EnforcedItem.Allow a && a.peers().family() == family)) {
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
        String deny = denyComment.startsWith(new EnforcedItem.DefaultDeny(direction).text())
                ? denyComment
                : new EnforcedItem.DefaultDeny(direction).text();
        rule(out, "counter drop", quote(truncate(deny)));
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
