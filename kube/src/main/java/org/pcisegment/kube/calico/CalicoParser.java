package org.pcisegment.kube.calico;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.core.source.InputException;
import org.pcisegment.core.source.SourceSpan;
import org.pcisegment.core.source.Suggestions;
import org.pcisegment.core.source.YamlList;
import org.pcisegment.core.source.YamlMap;
import org.pcisegment.core.source.YamlScalar;
import org.pcisegment.core.source.YamlValue;
import org.pcisegment.kube.manifest.ObjectMeta;

/**
 * Reads {@code projectcalico.org/v3} NetworkPolicy, GlobalNetworkPolicy, Tier and
 * (Global)NetworkSet. Match criteria that the analysis cannot model exactly (service accounts,
 * services, HTTP, IP version, source ports) are refused with their position rather than ignored:
 * ignoring a criterion would widen or narrow a rule without saying so.
 */
public final class CalicoParser {
    public static final String API_VERSION = "projectcalico.org/v3";

    private static final Set<String> SPEC_FIELDS = Set.of(
            "tier",
            "order",
            "selector",
            "namespaceSelector",
            "serviceAccountSelector",
            "types",
            "ingress",
            "egress",
            "doNotTrack",
            "preDNAT",
            "applyOnForward",
            "performanceHints");
    private static final Set<String> RULE_FIELDS = Set.of(
            "action",
            "protocol",
            "notProtocol",
            "icmp",
            "notICMP",
            "ipVersion",
            "source",
            "destination",
            "http",
            "metadata");
    private static final Set<String> ENTITY_FIELDS = Set.of(
            "nets",
            "notNets",
            "selector",
            "notSelector",
            "namespaceSelector",
            "ports",
            "notPorts",
            "serviceAccounts",
            "services");

    private CalicoParser() {}

    /** A NetworkPolicy ({@code global} false) or GlobalNetworkPolicy. */
    public static CalicoPolicy policy(YamlMap document, boolean global) {
        String kind = global ? "GlobalNetworkPolicy" : "NetworkPolicy";
        ObjectMeta meta = ObjectMeta.of(document, "Calico " + kind);
        YamlMap spec = document.map("spec").orElseGet(() -> new YamlMap(List.of(), document.span()));
        spec.requireKnownKeys(SPEC_FIELDS, "Calico " + kind + " spec");
        refuse(spec, "serviceAccountSelector", "policies selected by service account");
        for (String hostOnly : List.of("doNotTrack", "preDNAT", "applyOnForward")) {
            spec.present(hostOnly)
                    .filter(v -> v instanceof YamlScalar s && s.text().equals("true"))
                    .ifPresent(v -> {
                        throw new InputException(
                                v.span(),
                                hostOnly + " policies apply to host endpoints, which pci-segment does not analyse;"
                                        + " remove the policy from the input or the flag from the policy");
                    });
        }
        if (!global && spec.has("namespaceSelector")) {
            throw new InputException(
                    spec.keySpan("namespaceSelector").orElse(spec.span()),
                    "namespaceSelector is only valid in a GlobalNetworkPolicy; a NetworkPolicy applies to its own"
                            + " namespace");
        }
        String tier = spec.string("tier").filter(t -> !t.isBlank()).orElse(CalicoPolicy.DEFAULT_TIER);
        OptionalDouble order = order(spec);
        CalicoSelector selector = selector(spec, "selector").orElseGet(CalicoSelector.All::new);
        Optional<CalicoSelector> namespaceSelector = selector(spec, "namespaceSelector");
        List<CalicoRule> ingress = rules(spec, Direction.INGRESS);
        List<CalicoRule> egress = rules(spec, Direction.EGRESS);
        Set<Direction> types = types(spec, ingress, egress);
        return new CalicoPolicy(
                global ? Optional.empty() : Optional.of(meta.namespace()),
                meta.name(),
                tier,
                order,
                selector,
                namespaceSelector,
                types,
                ingress,
                egress,
                document.span());
    }

    public static CalicoTier tier(YamlMap document) {
        ObjectMeta meta = ObjectMeta.of(document, "Calico Tier");
        YamlMap spec = document.map("spec").orElseGet(() -> new YamlMap(List.of(), document.span()));
        return new CalicoTier(meta.name(), order(spec), document.span());
    }

    /** A NetworkSet ({@code global} false, namespaced) or GlobalNetworkSet. */
    public static NetworkSet networkSet(YamlMap document, boolean global) {
        ObjectMeta meta = ObjectMeta.of(document, global ? "GlobalNetworkSet" : "NetworkSet");
        YamlMap spec = document.map("spec").orElseGet(() -> new YamlMap(List.of(), document.span()));
        List<Cidr> nets = nets(spec, "nets", "spec.nets");
        return new NetworkSet(
                global ? Optional.empty() : Optional.of(meta.namespace()),
                meta.name(),
                meta.labels(),
                nets,
                document.span());
    }

    private static OptionalDouble order(YamlMap spec) {
        Optional<YamlValue> value = spec.present("order");
        if (value.isEmpty()) {
            return OptionalDouble.empty();
        }
        if (value.get() instanceof YamlScalar s
                && (s.type() == YamlScalar.Type.INTEGER || s.type() == YamlScalar.Type.FLOAT)) {
            try {
                return OptionalDouble.of(Double.parseDouble(s.text()));
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        return YamlMap.throwWrongType(value.get(), "spec.order", "a number");
    }

    /** As Calico defaults it: the directions that have rules, or Ingress when neither has. */
    private static Set<Direction> types(YamlMap spec, List<CalicoRule> ingress, List<CalicoRule> egress) {
        Optional<YamlList> listed = spec.list("types");
        Set<Direction> types = EnumSet.noneOf(Direction.class);
        if (listed.isEmpty() || listed.get().items().isEmpty()) {
            if (!ingress.isEmpty() || egress.isEmpty()) {
                types.add(Direction.INGRESS);
            }
            if (!egress.isEmpty()) {
                types.add(Direction.EGRESS);
            }
            return types;
        }
        for (YamlValue item : listed.get().items()) {
            String text = YamlMap.asString(item, "spec.types[]");
            types.add(Direction.fromYaml(text)
                    .orElseThrow(() ->
                            new InputException(item.span(), "types entry '" + text + "' is not Ingress or Egress")));
        }
        return types;
    }

    private static List<CalicoRule> rules(YamlMap spec, Direction direction) {
        List<CalicoRule> rules = new ArrayList<>();
        List<YamlValue> items =
                spec.list(direction.sectionField()).map(YamlList::items).orElse(List.of());
        for (int index = 0; index < items.size(); index++) {
            String where = "spec." + direction.sectionField() + "[" + index + "]";
            YamlMap rule = YamlMap.asMap(items.get(index), where);
            rule.requireKnownKeys(RULE_FIELDS, where);
            refuse(rule, "http", "HTTP match criteria");
            refuse(rule, "ipVersion", "rules limited to one IP version");
            CalicoRule.Action action = action(rule, where);
            Set<Protocol> protocols = protocols(rule, where);
            EntityMatch source = entity(rule, "source", where, false);
            EntityMatch destination = entity(rule, "destination", where, true);
            boolean hasPorts =
                    !destination.ports().isEmpty() || !destination.notPorts().isEmpty();
            if (hasPorts && !rule.has("protocol")) {
                throw new InputException(
                        rule.span(), "ports in " + where + " need a protocol (TCP, UDP or SCTP), as Calico requires");
            }
            rules.add(new CalicoRule(direction, index, action, protocols, source, destination, rule.span()));
        }
        return rules;
    }

    private static CalicoRule.Action action(YamlMap rule, String where) {
        String text = rule.requiredString("action", "Calico rule " + where);
        for (CalicoRule.Action action : CalicoRule.Action.values()) {
            if (action.name().equals(text)) {
                return action;
            }
        }
        throw new InputException(
                rule.get("action").map(YamlValue::span).orElse(rule.span()),
                "action '" + text + "'"
                        + Suggestions.hint(text, List.of("Allow", "Deny", "Pass", "Log"))
                        + " is not Allow, Deny, Pass or Log");
    }

    private static Set<Protocol> protocols(YamlMap rule, String where) {
        Set<Protocol> protocols = EnumSet.allOf(Protocol.class);
        Optional<YamlValue> protocol = rule.present("protocol");
        if (protocol.isPresent()) {
            Optional<Protocol> modelled = protocol(protocol.get(), where + ".protocol");
            protocols = modelled.map(EnumSet::of).orElseGet(() -> EnumSet.noneOf(Protocol.class));
        } else if (rule.has("icmp") || rule.has("notICMP")) {
            throw new InputException(rule.span(), "icmp in " + where + " needs protocol ICMP or ICMPv6");
        }
        Optional<YamlValue> notProtocol = rule.present("notProtocol");
        if (notProtocol.isPresent()) {
            protocol(notProtocol.get(), where + ".notProtocol").ifPresent(protocols::remove);
        }
        return protocols;
    }

    /** The modelled protocol a Calico protocol value names; empty for ICMP and other IP protocols. */
    private static Optional<Protocol> protocol(YamlValue value, String field) {
        String text = YamlMap.asString(value, field);
        if (value instanceof YamlScalar s && s.asLong().isPresent()) {
            long number = s.asLong().getAsLong();
            if (number < 1 || number > 255) {
                throw new InputException(value.span(), field + " " + number + " is not an IP protocol number 1-255");
            }
            for (Protocol p : Protocol.values()) {
                if (p.number() == number) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
        Optional<Protocol> named = Protocol.parse(text);
        if (named.isPresent()) {
            return named;
        }
        if (Set.of("ICMP", "ICMPv6", "UDPLite").contains(text)) {
            return Optional.empty();
        }
        throw new InputException(
                value.span(), field + " '" + text + "' is not TCP, UDP, SCTP, ICMP, ICMPv6, UDPLite or 1-255");
    }

    private static EntityMatch entity(YamlMap rule, String side, String where, boolean portsAllowed) {
        Optional<YamlValue> value = rule.present(side);
        if (value.isEmpty()) {
            return EntityMatch.ANY;
        }
        String field = where + "." + side;
        YamlMap entity = YamlMap.asMap(value.get(), field);
        entity.requireKnownKeys(ENTITY_FIELDS, field);
        refuse(entity, "serviceAccounts", "rules matching service accounts");
        refuse(entity, "services", "rules matching Kubernetes services");
        if (!portsAllowed && (entity.has("ports") || entity.has("notPorts"))) {
            throw new InputException(
                    entity.keySpan(entity.has("ports") ? "ports" : "notPorts").orElse(entity.span()),
                    "source ports in " + field + " are not supported: pci-segment models destination ports only");
        }
        return new EntityMatch(
                nets(entity, "nets", field + ".nets"),
                nets(entity, "notNets", field + ".notNets"),
                selector(entity, "selector"),
                selector(entity, "notSelector"),
                selector(entity, "namespaceSelector"),
                ports(entity, "ports", field),
                ports(entity, "notPorts", field));
    }

    private static Optional<CalicoSelector> selector(YamlMap map, String key) {
        return map.present(key).map(v -> CalicoSelectorParser.parse(YamlMap.asString(v, key), v.span()));
    }

    private static List<Cidr> nets(YamlMap map, String key, String field) {
        List<Cidr> nets = new ArrayList<>();
        for (YamlValue item : map.list(key).map(YamlList::items).orElse(List.of())) {
            String text = YamlMap.asString(item, field + "[]");
            switch (Cidr.parse(text, true)) {
                case Cidr.Valid valid -> nets.add(valid.cidr());
                case Cidr.Invalid invalid ->
                    throw new InputException(item.span(), "invalid network in " + field + ": " + invalid.reason());
            }
        }
        return nets;
    }

    private static List<EntityMatch.PortMatch> ports(YamlMap entity, String key, String field) {
        List<EntityMatch.PortMatch> ports = new ArrayList<>();
        for (YamlValue item : entity.list(key).map(YamlList::items).orElse(List.of())) {
            ports.add(port(item, field + "." + key + "[]"));
        }
        return ports;
    }

    /** {@code 80}, {@code "80"}, {@code "1000:2000"} or a named port such as {@code http}. */
    private static EntityMatch.PortMatch port(YamlValue item, String field) {
        String text = YamlMap.asString(item, field).strip();
        SourceSpan span = item.span();
        int colon = text.indexOf(':');
        if (colon >= 0) {
            int first = portNumber(text.substring(0, colon), span, field);
            int last = portNumber(text.substring(colon + 1), span, field);
            if (last < first) {
                throw new InputException(span, "port range '" + text + "' in " + field + " ends before it starts");
            }
            return new EntityMatch.PortRange(PortSet.range(first, last));
        }
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            return new EntityMatch.PortRange(PortSet.of(portNumber(text, span, field)));
        }
        if (text.isEmpty() || !text.toLowerCase(Locale.ROOT).equals(text) || text.length() > 15) {
            throw new InputException(span, "port '" + text + "' in " + field + " is not a number, range or port name");
        }
        return new EntityMatch.NamedPort(text);
    }

    private static int portNumber(String text, SourceSpan span, String field) {
        try {
            int number = Integer.parseInt(text.strip());
            if (number >= 1 && number <= 65535) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InputException(span, "port '" + text + "' in " + field + " is not a number 1-65535");
    }

    private static void refuse(YamlMap map, String key, String what) {
        if (map.present(key).isPresent()) {
            throw new InputException(
                    map.keySpan(key).orElse(map.span()),
                    key + ": " + what + " cannot be analysed by pci-segment; the connectivity report would be wrong."
                            + " Rewrite the rule with selectors, nets and ports");
        }
    }
}
