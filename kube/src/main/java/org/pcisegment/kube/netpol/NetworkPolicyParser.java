package org.pcisegment.kube.netpol;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.pcisegment.core.load.SelectorParser;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.core.policy.LabelSelector;
import org.pcisegment.core.source.InputException;
import org.pcisegment.core.source.YamlList;
import org.pcisegment.core.source.YamlMap;
import org.pcisegment.core.source.YamlScalar;
import org.pcisegment.core.source.YamlValue;
import org.pcisegment.kube.manifest.ObjectMeta;

/**
 * Reads {@code networking.k8s.io/v1} NetworkPolicies with the API server's validation, so a policy
 * the cluster would refuse is refused here with its position. Unknown fields in the spec are
 * errors: a misspelt {@code ingres:} would otherwise silently drop rules.
 */
public final class NetworkPolicyParser {
    public static final String API_VERSION = "networking.k8s.io/v1";

    private static final Set<String> SPEC_FIELDS = Set.of("podSelector", "policyTypes", "ingress", "egress");
    private static final Set<String> PEER_FIELDS = Set.of("podSelector", "namespaceSelector", "ipBlock");
    private static final Set<String> IP_BLOCK_FIELDS = Set.of("cidr", "except");
    private static final Set<String> PORT_FIELDS = Set.of("protocol", "port", "endPort");

    /** IANA service name syntax, which Kubernetes requires of named ports. */
    private static final Pattern PORT_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

    private NetworkPolicyParser() {}

    public static NetworkPolicy parse(YamlMap document) {
        ObjectMeta meta = ObjectMeta.of(document, "NetworkPolicy");
        YamlMap spec = document.map("spec").orElseThrow(() -> document.missing("spec", "NetworkPolicy " + meta.name()));
        spec.requireKnownKeys(SPEC_FIELDS, "NetworkPolicy spec");
        LabelSelector podSelector = spec.present("podSelector")
                .map(v -> SelectorParser.parse(v, "spec.podSelector"))
                .orElseGet(() -> LabelSelector.everything(spec.span()));
        List<NetpolRule> ingress = rules(spec, Direction.INGRESS);
        List<NetpolRule> egress = rules(spec, Direction.EGRESS);
        Set<Direction> types = policyTypes(spec, egress);
        return new NetworkPolicy(meta.namespace(), meta.name(), podSelector, types, ingress, egress, document.span());
    }

    /** As the API server defaults it: Ingress always, Egress when egress rules exist. */
    private static Set<Direction> policyTypes(YamlMap spec, List<NetpolRule> egress) {
        Optional<YamlList> listed = spec.list("policyTypes");
        if (listed.isEmpty() || listed.get().items().isEmpty()) {
            Set<Direction> types = EnumSet.of(Direction.INGRESS);
            if (!egress.isEmpty()) {
                types.add(Direction.EGRESS);
            }
            return types;
        }
        Set<Direction> types = EnumSet.noneOf(Direction.class);
        for (YamlValue item : listed.get().items()) {
            String text = YamlMap.asString(item, "spec.policyTypes[]");
            Direction direction = Direction.fromYaml(text)
                    .orElseThrow(() -> new InputException(
                            item.span(), "policyTypes entry '" + text + "' is not Ingress or Egress"));
            types.add(direction);
        }
        return types;
    }

    private static List<NetpolRule> rules(YamlMap spec, Direction direction) {
        String section = direction.sectionField();
        Optional<YamlList> list = spec.list(section);
        if (list.isEmpty()) {
            return List.of();
        }
        List<NetpolRule> rules = new ArrayList<>();
        int index = 0;
        for (YamlValue item : list.get().items()) {
            String where = "spec." + section + "[" + index + "]";
            YamlMap rule = item instanceof YamlScalar s && s.isNull()
                    ? new YamlMap(List.of(), item.span())
                    : YamlMap.asMap(item, where);
            rule.requireKnownKeys(Set.of(direction.peersField(), "ports"), where);
            List<NetpolPeer> peers = new ArrayList<>();
            for (YamlValue peer :
                    rule.list(direction.peersField()).map(YamlList::items).orElse(List.of())) {
                peers.add(peer(peer, where + "." + direction.peersField() + "[]"));
            }
            List<NetpolPort> ports = new ArrayList<>();
            for (YamlValue port : rule.list("ports").map(YamlList::items).orElse(List.of())) {
                ports.add(port(port, where + ".ports[]"));
            }
            rules.add(new NetpolRule(direction, index, peers, ports, rule.span()));
            index++;
        }
        return rules;
    }

    private static NetpolPeer peer(YamlValue value, String where) {
        YamlMap peer = value instanceof YamlScalar s && s.isNull()
                ? new YamlMap(List.of(), value.span())
                : YamlMap.asMap(value, where);
        peer.requireKnownKeys(PEER_FIELDS, where);
        Optional<YamlValue> podSelector = peer.present("podSelector");
        Optional<YamlValue> namespaceSelector = peer.present("namespaceSelector");
        Optional<YamlMap> ipBlock = peer.map("ipBlock");
        if (podSelector.isEmpty() && namespaceSelector.isEmpty() && ipBlock.isEmpty()) {
            throw new InputException(
                    peer.span(),
                    "empty peer in " + where + ": a peer needs podSelector, namespaceSelector or ipBlock"
                            + " (to admit every peer, leave the whole list out)");
        }
        if (ipBlock.isPresent()) {
            if (podSelector.isPresent() || namespaceSelector.isPresent()) {
                throw new InputException(
                        peer.span(), "a peer with ipBlock may not also have podSelector or namespaceSelector");
            }
            return ipBlock(ipBlock.get(), where + ".ipBlock");
        }
        return new NetpolPeer.Pods(
                namespaceSelector.map(v -> SelectorParser.parse(v, where + ".namespaceSelector")),
                podSelector.map(v -> SelectorParser.parse(v, where + ".podSelector")),
                peer.span());
    }

    private static NetpolPeer.Addresses ipBlock(YamlMap block, String where) {
        block.requireKnownKeys(IP_BLOCK_FIELDS, where);
        YamlValue cidrValue = block.present("cidr").orElseThrow(() -> block.missing("cidr", where));
        Cidr cidr = cidr(cidrValue, where + ".cidr");
        List<Cidr> except = new ArrayList<>();
        for (YamlValue item : block.list("except").map(YamlList::items).orElse(List.of())) {
            Cidr cut = cidr(item, where + ".except[]");
            if (cut.family() != cidr.family()
                    || !cidr.contains(cut.network())
                    || cut.prefixLength() <= cidr.prefixLength()) {
                throw new InputException(
                        item.span(), "ipBlock except '" + cut + "' must be a strict subset of cidr '" + cidr + "'");
            }
            except.add(cut);
        }
        return new NetpolPeer.Addresses(cidr, except, block.span());
    }

    private static Cidr cidr(YamlValue value, String field) {
        String text = YamlMap.asString(value, field);
        return switch (Cidr.parse(text, false)) {
            case Cidr.Valid valid -> valid.cidr();
            case Cidr.Invalid invalid ->
                throw new InputException(value.span(), "invalid CIDR in ipBlock " + field + ": " + invalid.reason());
        };
    }

    private static NetpolPort port(YamlValue value, String where) {
        YamlMap port = YamlMap.asMap(value, where);
        port.requireKnownKeys(PORT_FIELDS, where);
        Protocol protocol = protocol(port, where);
        Optional<YamlValue> portValue = port.present("port");
        Optional<YamlValue> endValue = port.present("endPort");
        if (portValue.isEmpty()) {
            if (endValue.isPresent()) {
                throw new InputException(endValue.get().span(), "endPort needs a numeric port in " + where);
            }
            return new NetpolPort(protocol, new NetpolPort.AllPorts(), port.span());
        }
        YamlValue given = portValue.get();
        if (given instanceof YamlScalar scalar && scalar.type() == YamlScalar.Type.INTEGER) {
            int first = portNumber(scalar, where + ".port");
            if (endValue.isEmpty()) {
                return new NetpolPort(protocol, new NetpolPort.Numbered(PortSet.of(first)), port.span());
            }
            int last = portNumber(endValue.get(), where + ".endPort");
            if (last < first) {
                throw new InputException(
                        endValue.get().span(),
                        "endPort " + last + " is smaller than port " + first + " in " + where
                                + "; the range would be empty");
            }
            return new NetpolPort(protocol, new NetpolPort.Numbered(PortSet.range(first, last)), port.span());
        }
        String name = YamlMap.asString(given, where + ".port");
        if (name.length() > 15
                || !PORT_NAME.matcher(name).matches()
                || name.chars().noneMatch(Character::isLetter)
                || name.contains("--")) {
            throw new InputException(
                    given.span(),
                    "port '" + name + "' in " + where + " is neither a number 1-65535 nor a valid port name"
                            + " (at most 15 lower-case letters, digits and '-', with at least one letter)");
        }
        if (endValue.isPresent()) {
            throw new InputException(
                    endValue.get().span(), "endPort may only follow a numeric port, not the named port '" + name + "'");
        }
        return new NetpolPort(protocol, new NetpolPort.Named(name), port.span());
    }

    private static Protocol protocol(YamlMap port, String where) {
        Optional<YamlValue> value = port.present("protocol");
        if (value.isEmpty()) {
            return Protocol.TCP;
        }
        String text = YamlMap.asString(value.get(), where + ".protocol");
        return Protocol.parse(text)
                .orElseThrow(() -> new InputException(
                        value.get().span(), "protocol '" + text + "' in " + where + " is not TCP, UDP or SCTP"));
    }

    private static int portNumber(YamlValue value, String field) {
        if (value instanceof YamlScalar scalar && scalar.asLong().isPresent()) {
            long number = scalar.asLong().getAsLong();
            if (number >= PortSet.MIN_PORT && number <= PortSet.MAX_PORT) {
                return (int) number;
            }
            throw new InputException(value.span(), field + " " + number + " is outside 1-65535");
        }
        return YamlMap.throwWrongType(value, field, "a port number 1-65535");
    }
}
