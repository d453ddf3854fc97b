package org.pcisegment.enforce.ebpf;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.enforce.DesiredState;
import org.pcisegment.enforce.ebpf.MapLayout.PeerKey;
import org.pcisegment.enforce.ebpf.MapLayout.PortKey;
import org.pcisegment.enforce.ebpf.MapLayout.Subject;

/** The map entries of a plan as text, one per line, in a stable order: what --dry-run shows. */
final class MapText {
    private MapText() {}

    static String render(MapImage image, DesiredState desired) {
        StringBuilder out = new StringBuilder();
        out.append("# pci-segment eBPF data plane for ")
                .append(desired.workload().name())
                .append(", rule set ")
                .append(desired.metadata().shortHash())
                .append('\n');
        out.append("# subjects: workload address -> restricted directions (rule set, default-deny counter)\n");
        image.subjects().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.append("subjects ")
                        .append(e.getKey())
                        .append(" ->")
                        .append(subject(e.getValue()))
                        .append('\n'));
        out.append("# peers: (rule set, direction, protocol, peer prefix) -> port table; rule set 0 = management\n");
        image.peers().entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparingInt(PeerKey::ruleSet)
                        .thenComparing(PeerKey::direction)
                        .thenComparing(PeerKey::protocol)
                        .thenComparing(PeerKey::peer, Comparator.comparing(Cidr::network))))
                .forEach(e -> out.append("peers ")
                        .append(e.getKey().ruleSet())
                        .append(' ')
                        .append(e.getKey().direction().sectionField())
                        .append(' ')
                        .append(e.getKey().protocol().lowerName())
                        .append(' ')
                        .append(e.getKey().peer())
                        .append(" -> table ")
                        .append(e.getValue())
                        .append('\n'));
        out.append("# ports: (port table, destination port prefix) -> counter of the admitting rule\n");
        image.ports().entrySet().stream()
                .sorted(Map.Entry.comparingByKey(
                        Comparator.comparingInt(PortKey::table).thenComparingInt(PortKey::port)))
                .forEach(e -> {
                    PortKey key = e.getKey();
                    int last = key.port() + (1 << (16 - key.bits())) - 1;
                    out.append("ports ")
                            .append(key.table())
                            .append(' ')
                            .append(last == key.port() ? Integer.toString(key.port()) : key.port() + "-" + last)
                            .append(" -> counter ")
                            .append(e.getValue())
                            .append('\n');
                });
        out.append("# rule_info: counter -> what it counts\n");
        image.ruleInfo().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.append("rule_info ")
                        .append(e.getKey())
                        .append(' ')
                        .append(e.getValue()
                                .kind()
                                .name()
                                .toLowerCase(Locale.ROOT)
                                .replace('_', '-'))
                        .append(": ")
                        .append(e.getValue().text())
                        .append('\n'));
        return out.toString();
    }

    private static String subject(Subject subject) {
        StringBuilder out = new StringBuilder();
        for (Direction direction : Direction.values()) {
            if (subject.restricts(direction)) {
                int deny = direction == Direction.INGRESS ? subject.ingressDenyCounter() : subject.egressDenyCounter();
                out.append(' ')
                        .append(direction.sectionField())
                        .append(" (rule set ")
                        .append(subject.ruleSet(direction))
                        .append(", deny counter ")
                        .append(deny)
                        .append(')');
            }
        }
        return out.toString();
    }
}
