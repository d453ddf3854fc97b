package org.pcisegment.enforce.pf;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.net.IpRange;
import org.pcisegment.core.net.PortRange;
import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.enforce.BaselineAllowance;
import org.pcisegment.enforce.EnforcedItem;
import org.pcisegment.enforce.EnforcementMetadata;

/**
 * Reads an anchor written by {@link PfAnchorWriter} back into items and metadata. pf does not
 * record which rule of a policy a line came from, so allows read back name their policy and the
 * rule {@link #ANY_RULE}; {@link #normalise} puts desired items in the same form for comparison.
 */
final class PfAnchorReader {
    /** The rule name of allows read from an anchor: pf keeps only the policy. */
    static final String ANY_RULE = "*";

    private static final Pattern RULE_SET = Pattern.compile("^# Rule set: ([0-9a-f]{64}) \\(pci-segment (\\S+)\\)$");
    private static final Pattern PASS = Pattern.compile(
            "^pass (in|out)( quick)? proto (tcp|udp|sctp) (?:from (\\S+) to any|to (\\S+))(?: port (\\d+)(?::(\\d+))?)?$");

    /** What an anchor file says: metadata, items, and its rule lines in order. */
    record Anchor(Optional<EnforcementMetadata> metadata, List<EnforcedItem> items, List<Line> rules) {}

    /** One rule line and what it counts for in status: its direction and policy (or built-in). */
    record Line(String text, Direction direction, String countsFor, boolean deny) {}

    private PfAnchorReader() {}

    static Anchor read(String text) {
        Optional<Instant> generated = Optional.empty();
        Optional<String> hash = Optional.empty();
        Optional<String> version = Optional.empty();
        List<EnforcedItem> items = new ArrayList<>();
        List<Line> rules = new ArrayList<>();
        List<Direction> restricted = new ArrayList<>();
        String policy = "";
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith(PfAnchorWriter.GENERATED)) {
                generated = instant(line.substring(PfAnchorWriter.GENERATED.length()));
            } else if (RULE_SET.matcher(line).matches()) {
                Matcher matcher = RULE_SET.matcher(line);
                matcher.matches();
                hash = Optional.of(matcher.group(1));
                version = Optional.of(matcher.group(2));
            } else if (line.startsWith(PfAnchorWriter.POLICY)) {
                policy = line.substring(PfAnchorWriter.POLICY.length());
            } else if (line.startsWith("block drop ")) {
                restricted = switch (line) {
                    case "block drop in all" -> List.of(Direction.INGRESS);
                    case "block drop out all" -> List.of(Direction.EGRESS);
                    default -> List.of(Direction.INGRESS, Direction.EGRESS);
                };
                for (Direction direction : restricted) {
                    items.add(new EnforcedItem.DefaultDeny(direction));
                    // pf keeps state on every pass rule: replies of allowed connections pass
                    items.add(new EnforcedItem.Baseline(direction, BaselineAllowance.RETURN_TRAFFIC));
                }
                rules.add(new Line(line, restricted.getFirst(), "default deny", true));
            } else if (line.equals("pass quick on lo0 all")) {
                restricted.forEach(d -> items.add(new EnforcedItem.Baseline(d, BaselineAllowance.LOOPBACK)));
                rules.add(new Line(line, Direction.INGRESS, BaselineAllowance.LOOPBACK.description(), false));
            } else if (line.startsWith("pass quick inet6 proto ipv6-icmp all icmp6-type ")) {
                if (line.endsWith(PfAnchorWriter.NEIGHBOUR_DISCOVERY[0])) {
                    restricted.forEach(
                            d -> items.add(new EnforcedItem.Baseline(d, BaselineAllowance.IPV6_NEIGHBOUR_DISCOVERY)));
                }
                rules.add(new Line(
                        line, Direction.INGRESS, BaselineAllowance.IPV6_NEIGHBOUR_DISCOVERY.description(), false));
            } else if (line.startsWith("pass ")) {
                Matcher pass = PASS.matcher(line);
                if (!pass.matches()) {
                    continue; // not a line we write: ignored, and a mismatch against the desired items
                }
                Direction direction = pass.group(1).equals("in") ? Direction.INGRESS : Direction.EGRESS;
                Protocol protocol = Protocol.parseLenient(pass.group(3)).orElseThrow();
                Optional<IpRange> peers = block(pass.group(4) != null ? pass.group(4) : pass.group(5));
                int first = pass.group(6) == null ? PortSet.MIN_PORT : Integer.parseInt(pass.group(6));
                int last = pass.group(7) != null
                        ? Integer.parseInt(pass.group(7))
                        : pass.group(6) == null ? PortSet.MAX_PORT : first;
                if (peers.isEmpty()) {
                    continue;
                }
                PortRange ports = new PortRange(first, last);
                boolean management = pass.group(2) != null;
                if (management) {
                    items.add(new EnforcedItem.Management(protocol, peers.get(), ports));
                    rules.add(new Line(line, direction, "management", false));
                } else if (!policy.isEmpty()) {
                    items.add(new EnforcedItem.Allow(direction, protocol, peers.get(), ports, policy, ANY_RULE));
                    rules.add(new Line(line, direction, policy, false));
                }
            }
        }
        Optional<EnforcementMetadata> metadata = Optional.empty();
        if (hash.isPresent() && generated.isPresent() && version.isPresent()) {
            try {
                metadata = Optional.of(new EnforcementMetadata(hash.get(), generated.get(), version.get()));
            } catch (IllegalArgumentException e) {
                metadata = Optional.empty();
            }
        }
        return new Anchor(metadata, items, rules);
    }

    /**
     * Items in the form an anchor reads back as: allows split into address blocks and named by
     * policy only.
     */
    static List<EnforcedItem> normalise(List<EnforcedItem> items) {
        List<EnforcedItem> normal = new ArrayList<>();
        for (EnforcedItem item : items) {
            switch (item) {
                case EnforcedItem.Allow allow -> {
                    for (IpRange block : PfAnchorWriter.blocks(allow.peers())) {
                        normal.add(new EnforcedItem.Allow(
                                allow.direction(), allow.protocol(), block, allow.ports(), allow.policy(), ANY_RULE));
                    }
                }
                case EnforcedItem.Management management -> {
                    for (IpRange block : PfAnchorWriter.blocks(management.sources())) {
                        normal.add(new EnforcedItem.Management(management.protocol(), block, management.ports()));
                    }
                }
                default -> normal.add(item);
            }
        }
        return normal.stream().distinct().sorted(EnforcedItem.ORDER).toList();
    }

    private static Optional<IpRange> block(String text) {
        return switch (Cidr.parse(text, true)) {
            case Cidr.Valid valid ->
                Optional.of(new IpRange(valid.cidr().network(), valid.cidr().last()));
            case Cidr.Invalid invalid -> Optional.empty();
        };
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text.strip()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
