package org.pcisegment.enforce.ebpf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.enforce.ebpf.MapLayout.PeerKey;
import org.pcisegment.enforce.ebpf.MapLayout.PortKey;
import org.pcisegment.enforce.ebpf.MapLayout.RuleInfo;
import org.pcisegment.enforce.ebpf.MapLayout.Subject;

/**
 * An installation saved as text (the SPI's snapshot is a string): the config entry, the interfaces
 * the programs were attached to, and every entry of the policy maps as hex key and value, one per
 * line. Connections and counters are not part of it: they are traffic, not configuration.
 */
record MapSnapshot(MapLayout.Config config, List<String> interfaces, MapImage image) {
    private static final String HEADER = "pci-segment ebpf snapshot 1";
    private static final HexFormat HEX = HexFormat.of();

    MapSnapshot {
        interfaces = List.copyOf(interfaces);
    }

    String encode() {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        out.append("config ").append(HEX.formatHex(config.encode())).append('\n');
        out.append("interfaces ").append(String.join(",", interfaces)).append('\n');
        image.subjects().forEach((k, v) -> line(out, MapLayout.SUBJECTS, MapLayout.addressKey(k), v.encode()));
        image.peers().forEach((k, v) -> line(out, MapLayout.PEERS, k.encode(), MapLayout.u32(v)));
        image.ports().forEach((k, v) -> line(out, MapLayout.PORTS, k.encode(), MapLayout.u32(v)));
        image.ruleInfo().forEach((k, v) -> line(out, MapLayout.RULE_INFO, MapLayout.u32(k), v.encode()));
        return out.toString();
    }

    private static void line(StringBuilder out, String map, byte[] key, byte[] value) {
        out.append(map)
                .append(' ')
                .append(HEX.formatHex(key))
                .append(' ')
                .append(HEX.formatHex(value))
                .append('\n');
    }

    static MapSnapshot decode(String text) {
        String[] lines = text.split("\n");
        if (lines.length < 3 || !lines[0].equals(HEADER)) {
            throw new IllegalArgumentException("not an eBPF snapshot of this version");
        }
        MapLayout.Config config = MapLayout.Config.decode(HEX.parseHex(field(lines[1], "config")));
        String names = field(lines[2], "interfaces");
        List<String> interfaces = names.isEmpty() ? List.of() : List.of(names.split(","));
        Map<Cidr, Subject> subjects = new HashMap<>();
        Map<PeerKey, Integer> peers = new HashMap<>();
        Map<PortKey, Integer> ports = new HashMap<>();
        Map<Integer, RuleInfo> ruleInfo = new HashMap<>();
        for (int i = 3; i < lines.length; i++) {
            String[] fields = lines[i].split(" ");
            byte[] key = HEX.parseHex(fields[1]);
            byte[] value = HEX.parseHex(fields[2]);
            switch (fields[0]) {
                case MapLayout.SUBJECTS -> subjects.put(MapLayout.addressKeyCidr(key), Subject.decode(value));
                case MapLayout.PEERS -> peers.put(PeerKey.decode(key), MapLayout.u32(value));
                case MapLayout.PORTS -> ports.put(PortKey.decode(key), MapLayout.u32(value));
                case MapLayout.RULE_INFO -> ruleInfo.put(MapLayout.u32(key), RuleInfo.decode(value));
                default -> throw new IllegalArgumentException("unknown map in snapshot: " + fields[0]);
            }
        }
        return new MapSnapshot(config, interfaces, new MapImage(subjects, peers, ports, ruleInfo));
    }

    private static String field(String line, String name) {
        if (!line.startsWith(name + " ") && !line.equals(name)) {
            throw new IllegalArgumentException("snapshot line '" + name + "' missing");
        }
        return line.length() > name.length() ? line.substring(name.length() + 1) : "";
    }

    static Optional<MapSnapshot> parse(Optional<String> content) {
        return content.map(MapSnapshot::decode);
    }

    static List<String> names(List<Libc.Interface> interfaces) {
        List<String> names = new ArrayList<>();
        interfaces.forEach(i -> names.add(i.name()));
        return names;
    }
}
