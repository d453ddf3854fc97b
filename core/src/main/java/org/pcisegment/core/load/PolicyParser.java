package org.pcisegment.core.load;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.core.policy.LabelSelector;
import org.pcisegment.core.policy.LabelSyntax;
import org.pcisegment.core.policy.Located;
import org.pcisegment.core.policy.Metadata;
import org.pcisegment.core.policy.Peer;
import org.pcisegment.core.policy.Policy;
import org.pcisegment.core.policy.PolicyRule;
import org.pcisegment.core.policy.PortSpec;
import org.pcisegment.core.source.InputException;
import org.pcisegment.core.source.SourceSpan;
import org.pcisegment.core.source.Suggestions;
import org.pcisegment.core.source.YamlList;
import org.pcisegment.core.source.YamlMap;
import org.pcisegment.core.source.YamlScalar;
import org.pcisegment.core.source.YamlValue;

/**
 * Reads a {@code pci-segment/v1} NetworkPolicy document. Structure is checked here (unknown
 * fields, wrong types, malformed selectors: exit 2); values the PCI schema rules judge are kept
 * as written.
 */
public final class PolicyParser {
    static final Set<String> TOP_FIELDS = Set.of("apiVersion", "kind", "metadata", "spec");
    private static final Set<String> METADATA_FIELDS = Set.of("name", "labels", "annotations");
    private static final Set<String> SPEC_FIELDS = Set.of("podSelector", "policyTypes", "ingress", "egress");
    private static final Set<String> PEER_FIELDS = Set.of("ipBlock", "podSelector");
    private static final Set<String> IP_BLOCK_FIELDS = Set.of("cidr", "except");
    private static final Set<String> PORT_FIELDS = Set.of("protocol", "port", "endPort");

    private PolicyParser() {}

    public static Policy parse(YamlMap document) {
        document.requireKnownKeys(TOP_FIELDS, "a NetworkPolicy");
        Located<String> apiVersion = located(document, "apiVersion");
        Located<String> kind = located(document, "kind");
        Metadata metadata = metadata(document);
        YamlMap spec = document.map("spec")
                .orElseThrow(() -> new InputException(
                        document.span(), "missing required field 'spec' in NetworkPolicy '" + metadata.name() + "'"));
        spec.requireKnownKeys(SPEC_FIELDS, "spec");
        LabelSelector podSelector = SelectorParser.parse(
                spec.get("podSelector")
                        .orElseThrow(() -> new InputException(
                                spec.span(),
                                "missing required field 'podSelector' in spec; write 'podSelector:"
                                        + " {}' to select every workload")),
                "spec.podSelector");
        Set<Direction> policyTypes = policyTypes(spec);
        return new Policy(
                apiVersion,
                kind,
                metadata,
                podSelector,
                policyTypes,
                rules(spec, Direction.INGRESS),
                rules(spec, Direction.EGRESS),
                document.span());
    }

    /** A string field as written, or "" at the mapping's position when missing. */
    static Located<String> located(YamlMap map, String key) {
        Optional<YamlValue> value = map.present(key);
        return value.map(v -> new Located<>(YamlMap.asString(v, key), v.span()))
                .orElseGet(() -> new Located<>("", map.span()));
    }

    private static Metadata metadata(YamlMap document) {
        Optional<YamlMap> metadata = document.map("metadata");
        if (metadata.isEmpty()) {
            return new Metadata("", document.span(), Map.of(), Map.of());
        }
        YamlMap map = metadata.get();
        map.requireKnownKeys(METADATA_FIELDS, "metadata");
        Located<String> name = located(map, "name");
        Map<String, String> labels = labels(map, "labels", "metadata.labels");
        Map<String, Located<String>> annotations = new LinkedHashMap<>();
        map.map("annotations", "metadata.annotations").ifPresent(a -> {
            for (YamlMap.Entry entry : a.entries()) {
                annotations.put(
                        entry.key(),
                        new Located<>(
                                YamlMap.asString(entry.value(), "metadata.annotations." + entry.key()),
                                entry.value().span()));
            }
        });
        return new Metadata(name.value(), name.span(), labels, annotations);
    }

    /** A labels mapping with Kubernetes key and value syntax checked. */
    static Map<String, String> labels(YamlMap owner, String key, String field) {
        Map<String, String> labels = new LinkedHashMap<>();
        owner.map(key, field).ifPresent(m -> {
            for (YamlMap.Entry entry : m.entries()) {
                String value = YamlMap.asString(entry.value(), field + "." + entry.key());
                LabelSyntax.keyProblem(entry.key()).ifPresent(p -> fail(entry.keySpan(), p));
                LabelSyntax.valueProblem(value)
                        .ifPresent(p -> fail(entry.value().span(), p));
                labels.put(entry.key(), value);
            }
        });
        return labels;
    }

    private static Set<Direction> policyTypes(YamlMap spec) {
        Set<Direction> types = EnumSet.noneOf(Direction.class);
        Optional<YamlList> list = spec.list("policyTypes", "spec.policyTypes");
        if (list.isEmpty()) {
            return types;
        }
        for (YamlValue item : list.get().items()) {
            String text = YamlMap.asString(item, "spec.policyTypes[]");
            Direction direction = Direction.fromYaml(text)
                    .orElseThrow(() -> new InputException(
                            item.span(),
                            "unknown policy type '"
                                    + text
                                    + "'"
                                    + Suggestions.hint(text, List.of("Ingress", "Egress"))
                                    + "; expected Ingress or Egress"));
            if (!types.add(direction)) {
                throw new InputException(item.span(), "policy type '" + text + "' is listed twice");
            }
        }
        return types;
    }

    /**
     * The rules of one direction: absent when the field is missing; present (possibly empty) when it
     * is written, including {@code egress:} with no value, which denies everything.
     */
    private static Optional<List<PolicyRule>> rules(YamlMap spec, Direction direction) {
        String field = direction.sectionField();
        Optional<YamlValue> value = spec.get(field);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.get() instanceof YamlScalar s && s.isNull()) {
            return Optional.of(List.of());
        }
        YamlList list = YamlMap.asList(value.get(), "spec." + field);
        List<PolicyRule> rules = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            rules.add(rule(list.items().get(i), direction, i));
        }
        return Optional.of(rules);
    }

    private static PolicyRule rule(YamlValue item, Direction direction, int index) {
        String where = "spec." + direction.sectionField() + "[" + index + "]";
        if (item instanceof YamlScalar s && s.isNull()) {
            // "- " with nothing after it: Kubernetes reads an empty rule, which allows everything.
            return new PolicyRule(direction, index, List.of(), List.of(), item.span());
        }
        YamlMap map = YamlMap.asMap(item, where);
        map.requireKnownKeys(
                Set.of(direction.peersField(), "ports"), where + " (an " + direction.sectionField() + " rule)");
        List<Peer> peers = new ArrayList<>();
        map.list(direction.peersField(), where + "." + direction.peersField()).ifPresent(l -> {
            for (int i = 0; i < l.items().size(); i++) {
                peers.add(peer(l.items().get(i), where + "." + direction.peersField() + "[" + i + "]"));
            }
        });
        List<PortSpec> ports = new ArrayList<>();
        map.list("ports", where + ".ports").ifPresent(l -> {
            for (int i = 0; i < l.items().size(); i++) {
                ports.add(port(l.items().get(i), where + ".ports[" + i + "]"));
            }
        });
        return new PolicyRule(direction, index, peers, ports, map.span());
    }

    private static Peer peer(YamlValue item, String where) {
        YamlMap map = YamlMap.asMap(item, where);
        if (map.has("namespaceSelector")) {
            throw new InputException(
                    map.keySpan("namespaceSelector").orElse(map.span()),
                    "'namespaceSelector' is not supported in pci-segment/v1 policies: inventory workloads"
                            + " have no namespaces; select them with 'podSelector'");
        }
        map.requireKnownKeys(PEER_FIELDS, where + " (a peer)");
        if (map.entries().isEmpty()) {
            throw new InputException(
                    map.span(), "empty peer in " + where + "; a peer needs 'ipBlock' or 'podSelector'");
        }
        if (map.has("ipBlock") && map.has("podSelector")) {
            throw new InputException(
                    map.span(), "a peer takes either 'ipBlock' or 'podSelector', not both; write two peers instead");
        }
        if (map.has("podSelector")) {
            return new Peer.Workloads(
                    SelectorParser.parse(map.get("podSelector").orElseThrow(), where + ".podSelector"), map.span());
        }
        YamlMap block = map.map("ipBlock", where + ".ipBlock")
                .orElseThrow(
                        () -> new InputException(map.span(), "'ipBlock' in " + where + " is empty; it needs a 'cidr'"));
        block.requireKnownKeys(IP_BLOCK_FIELDS, where + ".ipBlock");
        Located<String> cidr = block.present("cidr")
                .map(v -> new Located<>(YamlMap.asString(v, "cidr"), v.span()))
                .orElseThrow(() -> block.missing("cidr", where + ".ipBlock"));
        List<Located<String>> except = new ArrayList<>();
        block.list("except", where + ".ipBlock.except")
                .ifPresent(l ->
                        l.items().forEach(v -> except.add(new Located<>(YamlMap.asString(v, "except[]"), v.span()))));
        return new Peer.IpBlock(cidr, except, map.span());
    }

    private static PortSpec port(YamlValue item, String where) {
        YamlMap map = YamlMap.asMap(item, where);
        map.requireKnownKeys(PORT_FIELDS, where);
        Located<String> protocol = map.present("protocol")
                .map(v -> new Located<>(YamlMap.asString(v, "protocol"), v.span()))
                .orElseGet(() -> new Located<>("TCP", map.span()));
        Optional<PortSpec.PortValue> port = map.present("port").map(v -> portValue(v, where));
        map.present("endPort").ifPresent(v -> requirePortSized(v, where + ".endPort"));
        OptionalLong endPort = map.integer("endPort", where + ".endPort");
        Optional<Located<Long>> end = endPort.isPresent()
                ? Optional.of(new Located<>(
                        endPort.getAsLong(), map.get("endPort").orElseThrow().span()))
                : Optional.empty();
        return new PortSpec(protocol, port, end, map.span());
    }

    private static PortSpec.PortValue portValue(YamlValue value, String where) {
        requirePortSized(value, where + ".port");
        if (value instanceof YamlScalar scalar) {
            if (scalar.asLong().isPresent()) {
                return new PortSpec.Number(scalar.asLong().getAsLong(), scalar.span());
            }
            if (scalar.type() == YamlScalar.Type.STRING) {
                String text = scalar.text().strip();
                if (!text.isEmpty() && text.chars().allMatch(Character::isDigit) && text.length() < 10) {
                    return new PortSpec.Number(Long.parseLong(text), scalar.span());
                }
                return new PortSpec.Named(text, scalar.span());
            }
        }
        return YamlMap.throwWrongType(value, where + ".port", "a port number or a service name");
    }

    /** A whole number too large for 64 bits is no port; say so rather than "wrong type". */
    private static void requirePortSized(YamlValue value, String field) {
        if (value instanceof YamlScalar scalar
                && scalar.type() == YamlScalar.Type.INTEGER
                && scalar.asLong().isEmpty()) {
            throw new InputException(
                    value.span(), "field '" + field + "' is " + scalar.text() + ", out of range; expected 1-65535");
        }
    }

    private static void fail(SourceSpan span, String problem) {
        throw new InputException(span, problem);
    }
}
