package org.pcisegment.enforce;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.net.PortRange;
import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.source.InputException;
import org.pcisegment.core.source.SourceFile;
import org.pcisegment.core.source.SourceSpan;
import org.pcisegment.core.source.YamlDocument;
import org.pcisegment.core.source.YamlList;
import org.pcisegment.core.source.YamlLoader;
import org.pcisegment.core.source.YamlMap;
import org.pcisegment.core.source.YamlValue;

/**
 * The management exception that keeps the operator from locking themselves out: inbound traffic
 * from {@link #sources()} to a local port in {@link #ports()} is allowed before any policy is
 * consulted. Given with {@code --mgmt-cidr}/{@code --mgmt-port} or a small YAML file:
 *
 * <pre>
 * sources: [192.0.2.0/24, "2001:db8:100::/64"]
 * ports: [22, "8443/tcp"]
 * </pre>
 */
public record ManagementAccess(List<Cidr> sources, List<Port> ports) {
    private static final Set<String> FILE_FIELDS = Set.of("sources", "ports");

    /** A local port and its protocol ("22" is TCP). */
    public record Port(Protocol protocol, PortRange range) {
        @Override
        public String toString() {
            return range + "/" + protocol.lowerName();
        }
    }

    public ManagementAccess {
        sources = List.copyOf(sources);
        ports = List.copyOf(ports);
        if (sources.isEmpty() != ports.isEmpty()) {
            throw new IllegalArgumentException("a management exception needs both sources and ports");
        }
    }

    public static ManagementAccess none() {
        return new ManagementAccess(List.of(), List.of());
    }

    public boolean isEmpty() {
        return sources.isEmpty();
    }

    /** Every (protocol, source range, port range) the exception admits, in a stable order. */
    public List<EnforcedItem.Management> items() {
        List<EnforcedItem.Management> items = new ArrayList<>();
        for (Port port : ports) {
            for (Cidr source : sources) {
                items.add(new EnforcedItem.Management(
                        port.protocol(),
                        new org.pcisegment.core.net.IpRange(source.network(), source.last()),
                        port.range()));
            }
        }
        return items;
    }

    /** The sum of two exceptions (flags and a file may both be given). */
    public ManagementAccess plus(ManagementAccess other) {
        List<Cidr> allSources = new ArrayList<>(sources);
        other.sources.stream().filter(c -> !allSources.contains(c)).forEach(allSources::add);
        List<Port> allPorts = new ArrayList<>(ports);
        other.ports.stream().filter(p -> !allPorts.contains(p)).forEach(allPorts::add);
        return new ManagementAccess(allSources, allPorts);
    }

    /**
     * From command-line flags; each value is checked and a mistake names its flag.
     *
     * @throws InputException for a malformed value, or when only one of the two flags is given
     */
    public static ManagementAccess fromFlags(List<String> cidrs, List<String> ports) {
        SourceSpan cidrFlag = SourceSpan.of("--mgmt-cidr");
        SourceSpan portFlag = SourceSpan.of("--mgmt-port");
        if (cidrs.isEmpty() != ports.isEmpty()) {
            throw new InputException(
                    cidrs.isEmpty() ? portFlag : cidrFlag,
                    "--mgmt-cidr and --mgmt-port go together: give the admin networks and the ports they reach");
        }
        List<Cidr> sources = new ArrayList<>();
        for (String text : cidrs) {
            sources.add(cidr(text, cidrFlag));
        }
        List<Port> parsed = new ArrayList<>();
        for (String text : ports) {
            parsed.add(port(text, portFlag));
        }
        return new ManagementAccess(sources, parsed);
    }

    /** From a YAML file with {@code sources} and {@code ports}; errors carry file:line:column. */
    public static ManagementAccess load(Path file) {
        SourceFile source = YamlLoader.load(file);
        if (source.documents().size() != 1) {
            throw new InputException(
                    SourceSpan.of(source.name()), "expected one YAML document with 'sources' and 'ports'");
        }
        YamlDocument document = source.documents().getFirst();
        YamlMap map = YamlMap.asMap(document.root(), "management exception");
        map.requireKnownKeys(FILE_FIELDS, "the management exception file");
        YamlList sourceList = map.list("sources").orElseThrow(() -> map.missing("sources", "the management file"));
        YamlList portList = map.list("ports").orElseThrow(() -> map.missing("ports", "the management file"));
        if (sourceList.items().isEmpty() || portList.items().isEmpty()) {
            throw new InputException(
                    map.span(), "'sources' and 'ports' must each list at least one entry (or leave the file out)");
        }
        List<Cidr> sources = new ArrayList<>();
        for (YamlValue item : sourceList.items()) {
            sources.add(cidr(YamlMap.asString(item, "sources[]"), item.span()));
        }
        List<Port> ports = new ArrayList<>();
        for (YamlValue item : portList.items()) {
            ports.add(port(YamlMap.asString(item, "ports[]"), item.span()));
        }
        return new ManagementAccess(sources, ports);
    }

    private static Cidr cidr(String text, SourceSpan span) {
        return switch (Cidr.parse(text, false)) {
            case Cidr.Valid valid
            when valid.cidr().hasHostBits() ->
                throw new InputException(
                        span,
                        "management network '" + text + "' has host bits set; did you mean "
                                + valid.cidr().network() + "/" + valid.cidr().prefixLength() + "?");
            case Cidr.Valid valid -> valid.cidr();
            case Cidr.Invalid invalid -> throw new InputException(span, "management network: " + invalid.reason());
        };
    }

    /** "22", "22/tcp", "60000-60010/udp". */
    private static Port port(String text, SourceSpan span) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        Protocol protocol = Protocol.TCP;
        String number = trimmed;
        if (slash >= 0) {
            String name = trimmed.substring(slash + 1);
            protocol = Protocol.parseLenient(name)
                    .orElseThrow(() -> new InputException(
                            span,
                            "management port '" + text + "': unknown protocol '" + name
                                    + "'; expected tcp, udp or sctp"));
            number = trimmed.substring(0, slash);
        }
        int dash = number.indexOf('-');
        int first = portNumber(dash < 0 ? number : number.substring(0, dash), text, span);
        int last = dash < 0 ? first : portNumber(number.substring(dash + 1), text, span);
        if (first > last) {
            throw new InputException(span, "management port range '" + text + "' ends before it starts");
        }
        return new Port(protocol, new PortRange(first, last));
    }

    private static int portNumber(String digits, String text, SourceSpan span) {
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(Character::isDigit)) {
            throw new InputException(
                    span, "management port '" + text + "' is not a port number (1-65535), a range, or PORT/PROTOCOL");
        }
        int port = Integer.parseInt(digits);
        if (port < PortSet.MIN_PORT || port > PortSet.MAX_PORT) {
            throw new InputException(span, "management port " + port + " is outside 1-65535");
        }
        return port;
    }

    @Override
    public String toString() {
        return isEmpty()
                ? "none"
                : "from " + sources + " to "
                        + ports.stream().map(Port::toString).toList().toString().toLowerCase(Locale.ROOT);
    }
}
