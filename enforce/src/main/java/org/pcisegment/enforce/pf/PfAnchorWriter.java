package org.pcisegment.enforce.pf;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pcisegment.core.ir.AllowEntry;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.net.IpRange;
import org.pcisegment.core.net.PortRange;
import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.enforce.DesiredState;
import org.pcisegment.enforce.EnforcedItem;

/**
 * Writes the desired state of a host as a pf anchor, in the original tool's shape: a header, a
 * default {@code block drop all} (or {@code in}/{@code out} when one direction is restricted), the
 * baseline and management passes ({@code quick}), then per policy its citation and one {@code pass
 * in/out proto … port …} line per address block and port range. pf keeps state on pass rules, so
 * return traffic needs no rule. No line uses a {@code { list }}: pfctl loads each line as exactly
 * one rule, so {@code pfctl -vsr} lists counters in the order of these lines.
 */
final class PfAnchorWriter {
    static final String TITLE = "# pci-segment - PCI-DSS Compliant Network Segmentation";
    static final String GENERATED = "# Generated: ";
    static final String RULE_SET = "# Rule set: ";
    static final String POLICY = "# Policy: ";
    static final String[] NEIGHBOUR_DISCOVERY = {"neighbrsol", "neighbradv", "routersol", "routeradv"};

    private PfAnchorWriter() {}

    static String anchor(DesiredState desired) {
        StringBuilder out = new StringBuilder();
        out.append(TITLE).append('\n');
        out.append(GENERATED)
                .append(DateTimeFormatter.ISO_INSTANT.format(desired.metadata().appliedAt()))
                .append('\n');
        out.append(RULE_SET)
                .append(desired.metadata().ruleSetSha256())
                .append(" (pci-segment ")
                .append(desired.metadata().toolVersion())
                .append(")\n");
        boolean ingress = desired.restricted(Direction.INGRESS);
        boolean egress = desired.restricted(Direction.EGRESS);
        if (!ingress && !egress) {
            out.append("\n# No policy restricts this host: nothing is blocked\n");
            return out.toString();
        }
        out.append("\n# Default deny (PCI-DSS Req 1.3)\n");
        out.append(ingress && egress ? "block drop all\n" : ingress ? "block drop in all\n" : "block drop out all\n");
        out.append("\n# Baseline: loopback and IPv6 neighbour discovery (pf keeps state: replies pass)\n");
        out.append("pass quick on lo0 all\n");
        for (String type : NEIGHBOUR_DISCOVERY) {
            out.append("pass quick inet6 proto ipv6-icmp all icmp6-type ")
                    .append(type)
                    .append('\n');
        }
        List<EnforcedItem.Management> management = desired.effectiveManagement().items();
        if (!management.isEmpty()) {
            out.append("\n# Management exception (lock-out protection)\n");
            for (EnforcedItem.Management item : management) {
                for (Cidr cidr : item.sources().toCidrs()) {
                    out.append("pass in quick proto ")
                            .append(item.protocol().lowerName())
                            .append(" from ")
                            .append(address(cidr))
                            .append(" to any")
                            .append(ports(item.ports()))
                            .append('\n');
                }
            }
        }
        Map<String, List<String>> linesByPolicy = new LinkedHashMap<>();
        desired.policies().forEach(policy -> linesByPolicy.put(policy, new ArrayList<>()));
        for (Placed placed : placedEntries(desired)) {
            linesByPolicy
                    .computeIfAbsent(placed.entry().rule().origin().policy(), k -> new ArrayList<>())
                    .addAll(lines(placed));
        }
        linesByPolicy.forEach((policy, lines) -> {
            out.append('\n').append(POLICY).append(policy).append('\n');
            List<String> citations = desired.citations(policy);
            if (!citations.isEmpty()) {
                out.append("# PCI-DSS: ").append(String.join(", ", citations)).append('\n');
            }
            lines.forEach(line -> out.append(line).append('\n'));
        });
        return out.toString();
    }

    /** An entry with where it applies, ordered as its rule is written in the policy file. */
    private record Placed(Direction direction, Protocol protocol, AllowEntry entry) {}

    private static List<Placed> placedEntries(DesiredState desired) {
        List<Placed> placed = new ArrayList<>();
        for (Direction direction : Direction.values()) {
            if (!desired.restricted(direction)) {
                continue;
            }
            for (Protocol protocol : Protocol.values()) {
                for (AllowEntry entry : desired.host().direction(direction).entries(protocol)) {
                    placed.add(new Placed(direction, protocol, entry));
                }
            }
        }
        placed.sort(Comparator.comparing((Placed p) -> p.entry().rule().origin().span()));
        return placed;
    }

    private static List<String> lines(Placed placed) {
        List<String> lines = new ArrayList<>();
        for (Cidr cidr : placed.entry().peers().toCidrs()) {
            String protocol = placed.protocol().lowerName();
            String port = ports(placed.entry().ports());
            lines.add(
                    placed.direction() == Direction.INGRESS
                            ? "pass in proto " + protocol + " from " + address(cidr) + " to any" + port
                            : "pass out proto " + protocol + " to " + address(cidr) + port);
        }
        return lines;
    }

    /** " port 443", " port 8000:8080", or nothing for every port. */
    static String ports(PortRange range) {
        if (range.first() == PortSet.MIN_PORT && range.last() == PortSet.MAX_PORT) {
            return "";
        }
        return range.first() == range.last() ? " port " + range.first() : " port " + range.first() + ":" + range.last();
    }

    /** "10.0.1.20" for one address, "10.0.1.0/24" for a block. */
    static String address(Cidr cidr) {
        return cidr.prefixLength() == cidr.family().bits() ? cidr.network().toString() : cidr.toString();
    }

    /** Every address block of a range, as the writer splits it. */
    static List<IpRange> blocks(IpRange range) {
        return range.toCidrs().stream()
                .map(c -> new IpRange(c.network(), c.last()))
                .toList();
    }
}
