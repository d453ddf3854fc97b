package org.pcisegment.kube.topology;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.core.policy.LabelSyntax;
import org.pcisegment.core.source.InputException;
import org.pcisegment.core.source.SourceFile;
import org.pcisegment.core.source.SourceSpan;
import org.pcisegment.core.source.YamlList;
import org.pcisegment.core.source.YamlLoader;
import org.pcisegment.core.source.YamlMap;
import org.pcisegment.core.source.YamlScalar;
import org.pcisegment.core.source.YamlValue;

/**
 * Reads a stack topology ({@code kind: StackTopology}) and an exceptions file ({@code kind:
 * PciExceptions}), both {@code apiVersion: pci-segment/v1}, with every error located.
 */
public final class TopologyParser {
    public static final String API_VERSION = "pci-segment/v1";

    /** A DNS label, as Kubernetes requires of names and namespaces. */
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private static final Set<String> ALLOW_ALL_KEYS = Set.of("allow_all", "allowAll", "allow_all_ports");

    private TopologyParser() {}

    public static StackTopology stack(Path file) {
        return stack(file, Map.of());
    }

    /**
     * Reads a stack; components that list no ports take those of their type from {@code
     * wellKnownPorts} (the exceptions file's reference list).
     */
    public static StackTopology stack(Path file, Map<String, List<ComponentPort>> wellKnownPorts) {
        YamlMap document = single(file, "StackTopology");
        String name = document.map("metadata")
                .flatMap(m -> m.string("name"))
                .orElseThrow(() -> document.missing("metadata.name", "StackTopology"));
        YamlMap spec = document.map("spec").orElseThrow(() -> document.missing("spec", "StackTopology"));
        spec.requireKnownKeys(Set.of("components", "links", "clusterNetworks"), "StackTopology spec");
        List<YamlMap> componentMaps = new ArrayList<>();
        for (YamlValue item : spec.list("components").map(YamlList::items).orElse(List.of())) {
            componentMaps.add(YamlMap.asMap(item, "spec.components[]"));
        }
        if (componentMaps.isEmpty()) {
            throw new InputException(spec.span(), "StackTopology spec.components is empty; a stack needs components");
        }
        return new StackTopology(
                name,
                components(componentMaps, wellKnownPorts),
                links(spec),
                cidrs(spec, "clusterNetworks"),
                document.span());
    }

    private static List<Component> components(List<YamlMap> maps, Map<String, List<ComponentPort>> wellKnown) {
        List<Component> components = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (YamlMap map : maps) {
            map.requireKnownKeys(Set.of("name", "type", "namespace", "ports", "labels", "cde"), "component");
            String name = dnsLabel(map, "name");
            if (!names.add(name)) {
                throw new InputException(map.span(), "duplicate component '" + name + "'; names must be unique");
            }
            String type = map.requiredString("type", "component " + name);
            String namespace = dnsLabel(map, "namespace");
            Map<String, String> labels = map.stringMap("labels");
            labels.forEach((k, v) -> {
                LabelSyntax.keyProblem(k).ifPresent(p -> fail(map.span(), p));
                LabelSyntax.valueProblem(v).ifPresent(p -> fail(map.span(), p));
            });
            if (labels.isEmpty()) {
                labels = Map.of("app.kubernetes.io/name", name);
            }
            List<ComponentPort> ports = ports(map, "ports");
            if (ports.isEmpty()) {
                ports = wellKnown.getOrDefault(type, List.of());
            }
            if (ports.isEmpty()) {
                throw new InputException(
                        map.span(),
                        "component '" + name + "' lists no ports and the exceptions file has no wellKnownPorts for"
                                + " type '" + type + "'; PCI strict mode needs explicit ports");
            }
            boolean cde = map.present("cde")
                    .map(v -> v instanceof YamlScalar s && s.text().equals("true"))
                    .orElse(false);
            components.add(new Component(name, type, namespace, labels, ports, cde, map.span()));
        }
        return components;
    }

    private static List<Link> links(YamlMap spec) {
        List<Link> links = new ArrayList<>();
        for (YamlValue item : spec.list("links").map(YamlList::items).orElse(List.of())) {
            YamlMap link = YamlMap.asMap(item, "spec.links[]");
            link.requireKnownKeys(Set.of("from", "to", "ports"), "link");
            links.add(new Link(
                    link.requiredString("from", "link"),
                    link.requiredString("to", "link"),
                    ports(link, "ports"),
                    link.span()));
        }
        return links;
    }

    public static PciExceptions exceptions(Path file) {
        YamlMap document = single(file, "PciExceptions");
        YamlMap spec = document.map("spec").orElseThrow(() -> document.missing("spec", "PciExceptions"));
        spec.requireKnownKeys(
                Set.of("wellKnownPorts", "componentExceptions", "systemExceptions", "internetExceptions"),
                "PciExceptions spec");
        Map<String, List<ComponentPort>> wellKnown = new LinkedHashMap<>();
        spec.map("wellKnownPorts").ifPresent(m -> {
            for (YamlMap.Entry entry : m.entries()) {
                wellKnown.put(entry.key(), portList(entry.value(), "wellKnownPorts." + entry.key()));
            }
        });
        List<PciExceptions.Refused> refused = new ArrayList<>();
        List<PciExceptions.ComponentException> components = new ArrayList<>();
        for (YamlValue item :
                spec.list("componentExceptions").map(YamlList::items).orElse(List.of())) {
            componentException(YamlMap.asMap(item, "componentExceptions[]"), refused)
                    .ifPresent(components::add);
        }
        Optional<PciExceptions.Dns> dns = Optional.of(PciExceptions.Dns.DEFAULT);
        Optional<PciExceptions.KubernetesApi> api = Optional.of(PciExceptions.KubernetesApi.DEFAULT);
        Optional<YamlMap> system = spec.map("systemExceptions");
        if (system.isPresent()) {
            system.get().requireKnownKeys(Set.of("dns", "kubernetesApi"), "systemExceptions");
            dns = system.get().map("dns").map(TopologyParser::dns);
            api = system.get().map("kubernetesApi").map(TopologyParser::kubernetesApi);
        }
        List<PciExceptions.InternetException> internet = new ArrayList<>();
        for (YamlValue item :
                spec.list("internetExceptions").map(YamlList::items).orElse(List.of())) {
            internetException(YamlMap.asMap(item, "internetExceptions[]"), refused)
                    .ifPresent(internet::add);
        }
        return new PciExceptions(wellKnown, components, dns, api, internet, refused);
    }

    private static Optional<PciExceptions.ComponentException> componentException(
            YamlMap map, List<PciExceptions.Refused> refused) {
        Set<String> known = new HashSet<>(Set.of("type", "direction", "from", "to", "ports", "reason"));
        known.addAll(ALLOW_ALL_KEYS);
        map.requireKnownKeys(known, "component exception");
        String type = map.requiredString("type", "component exception");
        Direction direction =
                direction(map.present("direction").orElseThrow(() -> map.missing("direction", "component exception")));
        String peerKey = direction == Direction.INGRESS ? "from" : "to";
        String otherKey = direction == Direction.INGRESS ? "to" : "from";
        if (map.has(otherKey)) {
            throw new InputException(
                    map.keySpan(otherKey).orElse(map.span()),
                    "a " + direction.yamlName() + " exception names its peer with '" + peerKey + "', not '" + otherKey
                            + "'");
        }
        if (refusedAllowAll(map, "component exception for type '" + type + "'", refused)) {
            return Optional.empty();
        }
        YamlMap peer = map.map(peerKey).orElseThrow(() -> map.missing(peerKey, "component exception"));
        return Optional.of(new PciExceptions.ComponentException(
                type,
                direction,
                peer(peer),
                ports(map, "ports"),
                map.string("reason").orElse(""),
                map.span()));
    }

    private static Optional<PciExceptions.InternetException> internetException(
            YamlMap map, List<PciExceptions.Refused> refused) {
        Set<String> known = new HashSet<>(Set.of("type", "directions", "ports", "reason"));
        known.addAll(ALLOW_ALL_KEYS);
        map.requireKnownKeys(known, "internet exception");
        String type = map.requiredString("type", "internet exception");
        if (refusedAllowAll(map, "internet exception for type '" + type + "'", refused)) {
            return Optional.empty();
        }
        Set<Direction> directions = EnumSet.noneOf(Direction.class);
        for (YamlValue value : map.list("directions").map(YamlList::items).orElse(List.of())) {
            directions.add(direction(value));
        }
        if (directions.isEmpty()) {
            throw new InputException(
                    map.span(), "internet exception for type '" + type + "' needs directions: [Ingress] or [Egress]");
        }
        return Optional.of(new PciExceptions.InternetException(
                type, directions, ports(map, "ports"), map.string("reason").orElse(""), map.span()));
    }

    /** {@code allow_all} or a missing port list: refused, reported by the generator. */
    private static boolean refusedAllowAll(YamlMap map, String what, List<PciExceptions.Refused> refused) {
        for (String key : ALLOW_ALL_KEYS) {
            if (map.present(key)
                    .filter(v -> v instanceof YamlScalar s && s.text().equals("true"))
                    .isPresent()) {
                refused.add(new PciExceptions.Refused(
                        what, key + " would open every port; PCI strict mode allows explicit ports only", map.span()));
                return true;
            }
        }
        if (map.list("ports").map(YamlList::items).orElse(List.of()).isEmpty()) {
            refused.add(new PciExceptions.Refused(
                    what, "no ports listed, which would open every port; list the ports explicitly", map.span()));
            return true;
        }
        return false;
    }

    private static PciExceptions.Peer peer(YamlMap peer) {
        peer.requireKnownKeys(Set.of("namespace", "componentType", "cidrs", "allNamespaces"), "exception peer");
        if (peer.entries().size() != 1) {
            throw new InputException(
                    peer.span(),
                    "an exception peer names exactly one of namespace, componentType, cidrs, allNamespaces");
        }
        if (peer.has("namespace")) {
            return new PciExceptions.Peer.Namespace(dnsLabel(peer, "namespace"));
        }
        if (peer.has("componentType")) {
            return new PciExceptions.Peer.ComponentType(peer.requiredString("componentType", "exception peer"));
        }
        if (peer.has("cidrs")) {
            return new PciExceptions.Peer.Addresses(cidrs(peer, "cidrs"));
        }
        return new PciExceptions.Peer.AllNamespaces();
    }

    private static PciExceptions.Dns dns(YamlMap map) {
        map.requireKnownKeys(Set.of("namespace", "labels", "ports"), "systemExceptions.dns");
        return new PciExceptions.Dns(dnsLabel(map, "namespace"), map.stringMap("labels"), required(map, "dns"));
    }

    private static PciExceptions.KubernetesApi kubernetesApi(YamlMap map) {
        map.requireKnownKeys(Set.of("namespace", "cidrs", "ports"), "systemExceptions.kubernetesApi");
        PciExceptions.Peer peer = map.has("cidrs")
                ? new PciExceptions.Peer.Addresses(cidrs(map, "cidrs"))
                : new PciExceptions.Peer.Namespace(dnsLabel(map, "namespace"));
        return new PciExceptions.KubernetesApi(peer, required(map, "kubernetesApi"));
    }

    private static List<ComponentPort> required(YamlMap map, String what) {
        List<ComponentPort> ports = ports(map, "ports");
        if (ports.isEmpty()) {
            throw new InputException(map.span(), what + " needs explicit ports");
        }
        return ports;
    }

    private static Direction direction(YamlValue value) {
        String text = YamlMap.asString(value, "direction");
        return Direction.fromYaml(text)
                .orElseThrow(
                        () -> new InputException(value.span(), "direction '" + text + "' is not Ingress or Egress"));
    }

    private static List<ComponentPort> ports(YamlMap map, String key) {
        return map.present(key).map(v -> portList(v, key)).orElse(List.of());
    }

    private static List<ComponentPort> portList(YamlValue value, String field) {
        List<ComponentPort> ports = new ArrayList<>();
        for (YamlValue item : YamlMap.asList(value, field).items()) {
            ports.add(port(item, field));
        }
        return ports;
    }

    /** {@code 443} (TCP) or {@code "53/UDP"}. */
    private static ComponentPort port(YamlValue item, String field) {
        String text = YamlMap.asString(item, field + "[]");
        int slash = text.indexOf('/');
        String number = slash < 0 ? text : text.substring(0, slash);
        Protocol protocol = slash < 0
                ? Protocol.TCP
                : Protocol.parseLenient(text.substring(slash + 1))
                        .orElseThrow(() -> new InputException(
                                item.span(),
                                "port '" + text + "' in " + field + ": protocol must be TCP, UDP or SCTP"));
        try {
            int port = Integer.parseInt(number.strip());
            if (port >= 1 && port <= 65535) {
                return new ComponentPort(port, protocol);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InputException(item.span(), "port '" + text + "' in " + field + " is not 1-65535, optionally /UDP");
    }

    private static List<Cidr> cidrs(YamlMap map, String key) {
        List<Cidr> cidrs = new ArrayList<>();
        for (YamlValue item : map.list(key).map(YamlList::items).orElse(List.of())) {
            String text = YamlMap.asString(item, key + "[]");
            switch (Cidr.parse(text, false)) {
                case Cidr.Valid valid -> cidrs.add(valid.cidr());
                case Cidr.Invalid invalid -> throw new InputException(item.span(), key + ": " + invalid.reason());
            }
        }
        return cidrs;
    }

    private static String dnsLabel(YamlMap map, String key) {
        String value = map.requiredString(key, "entry");
        if (!DNS_LABEL.matcher(value).matches()) {
            throw new InputException(
                    map.get(key).map(YamlValue::span).orElse(map.span()),
                    key + " '" + value + "' is not a DNS label (lower-case letters, digits and '-', at most 63)");
        }
        return value;
    }

    private static YamlMap single(Path file, String kind) {
        SourceFile source = YamlLoader.load(file);
        if (source.documents().size() != 1) {
            throw new InputException(
                    SourceSpan.of(source.name()),
                    "expected one " + kind + " document, found "
                            + source.documents().size());
        }
        YamlMap document = YamlMap.asMap(source.documents().getFirst().root(), "document");
        String apiVersion = document.requiredString("apiVersion", kind);
        String actualKind = document.requiredString("kind", kind);
        if (!apiVersion.equals(API_VERSION) || !actualKind.equals(kind)) {
            throw new InputException(
                    document.span(),
                    "expected apiVersion " + API_VERSION + " and kind " + kind + ", found " + apiVersion + " "
                            + actualKind);
        }
        return document;
    }

    private static void fail(SourceSpan span, String problem) {
        throw new InputException(span, problem);
    }
}
