package org.pcisegment.enforce.nft;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pcisegment.core.ir.Action;
import org.pcisegment.core.json.Json;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.IpFamily;
import org.pcisegment.core.net.IpRange;
import org.pcisegment.core.net.PortRange;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.enforce.BaselineAllowance;
import org.pcisegment.enforce.EnforcedItem;
import org.pcisegment.enforce.EnforcementMetadata;
import org.pcisegment.enforce.RuleCounter;
import tools.jackson.databind.JsonNode;

/**
 * Reads our table back from nftables' JSON listing: the items in canonical form, the metadata (the
 * comment of the set {@code metadata}) and the counters. An allow or management element counts as installed only when an accepting rule of
 * the right chain uses its set, and a default deny only when its chain drops by policy and by rule:
 * what is read back is what the kernel enforces, not just what is stored.
 */
final class NftTableReader {
    private static final Pattern METADATA = Pattern.compile(NftLayout.METADATA_MARK + " ([0-9a-f]{64}) (\\S+) (\\S+)");

    /**
     * Everything read back about our table; {@code denyComments} per direction the comment of its
     * default-deny rule (written again when the table is restored).
     */
    record Table(
            Optional<EnforcementMetadata> metadata,
            List<EnforcedItem> items,
            List<RuleCounter> counters,
            Map<Direction, String> denyComments) {}

    private NftTableReader() {}

    /** The metadata in a metadata comment, when it is well formed. */
    static Optional<EnforcementMetadata> metadata(String comment) {
        Matcher matcher = METADATA.matcher(comment);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    new EnforcementMetadata(matcher.group(1), Instant.parse(matcher.group(2)), matcher.group(3)));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Reads a JSON listing of our table. */
    static Table read(String tableJson) {
        Map<String, JsonNode> sets = new HashMap<>();
        Map<String, JsonNode> chains = new HashMap<>();
        Map<String, List<JsonNode>> rules = new LinkedHashMap<>();
        for (JsonNode object : objects(tableJson)) {
            if (object.has("set")) {
                sets.put(object.path("set").path("name").asString(""), object.path("set"));
            } else if (object.has("chain")) {
                chains.put(object.path("chain").path("name").asString(""), object.path("chain"));
            } else if (object.has("rule")) {
                JsonNode rule = object.path("rule");
                rules.computeIfAbsent(rule.path("chain").asString(""), k -> new ArrayList<>())
                        .add(rule);
            }
        }
        Optional<EnforcementMetadata> metadata = Optional.ofNullable(sets.get(NftLayout.METADATA_SET))
                .flatMap(set -> metadata(set.path("comment").asString("")));
        List<EnforcedItem> items = new ArrayList<>();
        List<RuleCounter> counters = new ArrayList<>();
        Map<Direction, String> denyComments = new EnumMap<>(Direction.class);
        for (Direction direction : Direction.values()) {
            String chainName = NftLayout.chain(direction);
            JsonNode chain = chains.get(chainName);
            if (chain == null) {
                continue;
            }
            readChain(direction, chain, rules.getOrDefault(chainName, List.of()), sets, items, counters);
            for (JsonNode rule : rules.getOrDefault(chainName, List.of())) {
                String comment = rule.path("comment").asString("");
                if (comment.startsWith(new EnforcedItem.DefaultDeny(direction).text())) {
                    denyComments.put(direction, comment);
                }
            }
        }
        return new Table(metadata, items, counters, denyComments);
    }

    private static void readChain(
            Direction direction,
            JsonNode chain,
            List<JsonNode> rules,
            Map<String, JsonNode> sets,
            List<EnforcedItem> items,
            List<RuleCounter> counters) {
        boolean hooked = NftLayout.chain(direction).equals(chain.path("hook").asString(""))
                && "filter".equals(chain.path("type").asString(""));
        boolean dropsByPolicy = "drop".equals(chain.path("policy").asString(""));
        Map<BaselineAllowance, Count> baseline = new EnumMap<>(BaselineAllowance.class);
        Map<String, Count> allowCounters = new LinkedHashMap<>();
        Set<EnforcedItem> seen = new LinkedHashSet<>();
        Optional<Count> management = Optional.empty();
        for (JsonNode rule : rules) {
            String comment = rule.path("comment").asString("");
            String verdict = verdict(rule);
            Count counter = counter(rule);
            Optional<String> setName = setReference(rule);
            if (!hooked) {
                continue;
            }
            Optional<BaselineAllowance> allowance = baselineOf(direction, comment);
            if (allowance.isPresent() && verdict.equals("accept")) {
                seen.add(new EnforcedItem.Baseline(direction, allowance.get()));
                baseline.merge(allowance.get(), counter, Count::plus);
            } else if (setName.isPresent() && verdict.equals("accept") && sets.containsKey(setName.get())) {
                JsonNode set = sets.get(setName.get());
                boolean isManagement = direction == Direction.INGRESS
                        && setName.get().equals(NftLayout.managementSet(familyOfSet(set)));
                boolean isAllow = setName.get().equals(NftLayout.allowSet(direction, familyOfSet(set)));
                if (isManagement) {
                    management = Optional.of(management.orElse(Count.ZERO).plus(counter));
                    for (Element element : elements(set)) {
                        seen.add(new EnforcedItem.Management(element.protocol(), element.peers(), element.ports()));
                    }
                } else if (isAllow) {
                    for (Element element : elements(set)) {
                        Optional<EnforcedItem.Allow> allow = allow(direction, element);
                        allow.ifPresent(seen::add);
                        allow.ifPresent(a -> allowCounters.merge(a.origin(), element.counter(), Count::plus));
                    }
                }
            } else if (comment.startsWith(new EnforcedItem.DefaultDeny(direction).text())
                    && verdict.equals("drop")
                    && dropsByPolicy) {
                seen.add(new EnforcedItem.DefaultDeny(direction));
                counters.add(
                        new RuleCounter(direction, "default deny", Action.DENY, counter.packets(), counter.bytes()));
            }
        }
        items.addAll(seen);
        baseline.forEach((allowance, c) -> counters.add(
                new RuleCounter(direction, allowance.description(), Action.ALLOW, c.packets(), c.bytes())));
        management.ifPresent(c -> counters.add(
                new RuleCounter(direction, NftLayout.MANAGEMENT_COMMENT, Action.ALLOW, c.packets(), c.bytes())));
        allowCounters.forEach(
                (origin, c) -> counters.add(new RuleCounter(direction, origin, Action.ALLOW, c.packets(), c.bytes())));
    }

    private static Optional<BaselineAllowance> baselineOf(Direction direction, String comment) {
        for (BaselineAllowance allowance : BaselineAllowance.values()) {
            if (comment.equals(new EnforcedItem.Baseline(direction, allowance).text())) {
                return Optional.of(allowance);
            }
        }
        return Optional.empty();
    }

    private static Optional<EnforcedItem.Allow> allow(Direction direction, Element element) {
        int space = element.comment().indexOf(' ');
        if (space <= 0 || element.comment().indexOf(' ', space + 1) >= 0) {
            return Optional.empty(); // not one of our origins: an element someone added by hand
        }
        return Optional.of(new EnforcedItem.Allow(
                direction,
                element.protocol(),
                element.peers(),
                element.ports(),
                element.comment().substring(0, space),
                element.comment().substring(space + 1)));
    }

    /** Packets and bytes. */
    private record Count(long packets, long bytes) {
        static final Count ZERO = new Count(0, 0);

        Count plus(Count other) {
            return new Count(packets + other.packets, bytes + other.bytes);
        }
    }

    /** One set element: (peer range, protocol, port range), its comment and counter. */
    private record Element(IpRange peers, Protocol protocol, PortRange ports, String comment, Count counter) {}

    private static List<Element> elements(JsonNode set) {
        List<Element> elements = new ArrayList<>();
        for (JsonNode entry : set.path("elem").values()) {
            JsonNode element = entry.has("elem") ? entry.path("elem") : entry;
            JsonNode value = element.has("val") ? element.path("val") : element;
            List<JsonNode> parts = new ArrayList<>(value.path("concat").values());
            if (parts.size() != 3) {
                continue;
            }
            Optional<IpRange> peers = range(parts.get(0));
            Optional<Protocol> protocol = protocol(parts.get(1));
            Optional<PortRange> ports = ports(parts.get(2));
            if (peers.isEmpty() || protocol.isEmpty() || ports.isEmpty()) {
                continue;
            }
            elements.add(new Element(
                    peers.get(),
                    protocol.get(),
                    ports.get(),
                    element.path("comment").asString(""),
                    counter(element)));
        }
        return elements;
    }

    private static IpFamily familyOfSet(JsonNode set) {
        JsonNode type = set.path("type");
        String first = type.isArray() ? type.path(0).asString("") : type.asString("");
        return first.equals(NftLayout.addressType(IpFamily.V6)) ? IpFamily.V6 : IpFamily.V4;
    }

    private static Optional<IpRange> range(JsonNode node) {
        if (node.isString()) {
            return IpAddress.parse(node.asString()).map(a -> new IpRange(a, a));
        }
        if (node.has("prefix")) {
            JsonNode prefix = node.path("prefix");
            return IpAddress.parse(prefix.path("addr").asString(""))
                    .map(a -> new org.pcisegment.core.net.Cidr(
                            a, prefix.path("len").asInt(-1)))
                    .map(c -> new IpRange(c.network(), c.last()));
        }
        if (node.has("range")) {
            Optional<IpAddress> first =
                    IpAddress.parse(node.path("range").path(0).asString(""));
            Optional<IpAddress> last =
                    IpAddress.parse(node.path("range").path(1).asString(""));
            return first.isPresent() && last.isPresent()
                    ? Optional.of(new IpRange(first.get(), last.get()))
                    : Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<Protocol> protocol(JsonNode node) {
        if (node.isIntegralNumber()) {
            for (Protocol protocol : Protocol.values()) {
                if (protocol.number() == node.asInt()) {
                    return Optional.of(protocol);
                }
            }
            return Optional.empty();
        }
        return Protocol.parseLenient(node.asString(""));
    }

    private static Optional<PortRange> ports(JsonNode node) {
        if (node.isIntegralNumber()) {
            return Optional.of(new PortRange(node.asInt(), node.asInt()));
        }
        if (node.has("range")) {
            return Optional.of(new PortRange(
                    node.path("range").path(0).asInt(),
                    node.path("range").path(1).asInt()));
        }
        return Optional.empty();
    }

    /** "accept", "drop", or "" for a rule without a verdict (the log rule). */
    private static String verdict(JsonNode rule) {
        for (JsonNode expression : rule.path("expr").values()) {
            if (expression.has("accept")) {
                return "accept";
            }
            if (expression.has("drop")) {
                return "drop";
            }
        }
        return "";
    }

    /** The set a rule looks packets up in ("@allow_in_v4" gives allow_in_v4). */
    private static Optional<String> setReference(JsonNode rule) {
        for (JsonNode expression : rule.path("expr").values()) {
            String right = expression.path("match").path("right").asString("");
            if (right.startsWith("@")) {
                return Optional.of(right.substring(1));
            }
        }
        return Optional.empty();
    }

    /** The counter of a rule (in its expressions) or of an element; zero when it has none. */
    private static Count counter(JsonNode node) {
        if (node.path("counter").isObject()) {
            return count(node.path("counter"));
        }
        for (JsonNode expression : node.path("expr").values()) {
            if (expression.path("counter").isObject()) {
                return count(expression.path("counter"));
            }
        }
        return Count.ZERO;
    }

    private static Count count(JsonNode counter) {
        return new Count(
                counter.path("packets").asLong(0), counter.path("bytes").asLong(0));
    }

    private static List<JsonNode> objects(String json) {
        return new ArrayList<>(Json.MAPPER.readTree(json).path("nftables").values());
    }
}
