package org.pcisegment.enforce.ebpf;

import java.util.HashMap;
import java.util.Map;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.enforce.ebpf.MapLayout.PeerKey;
import org.pcisegment.enforce.ebpf.MapLayout.PortKey;
import org.pcisegment.enforce.ebpf.MapLayout.RuleInfo;
import org.pcisegment.enforce.ebpf.MapLayout.Subject;

/**
 * The contents of the four policy maps, decoded: what is installed (read back from the pins) or
 * what should be (planned from the IR). A policy change is the difference of two images.
 */
record MapImage(
        Map<Cidr, Subject> subjects,
        Map<PeerKey, Integer> peers,
        Map<PortKey, Integer> ports,
        Map<Integer, RuleInfo> ruleInfo) {

    MapImage {
        subjects = Map.copyOf(subjects);
        peers = Map.copyOf(peers);
        ports = Map.copyOf(ports);
        ruleInfo = Map.copyOf(ruleInfo);
    }

    static MapImage empty() {
        return new MapImage(Map.of(), Map.of(), Map.of(), Map.of());
    }

    /** Reads the policy maps of an installation. */
    static MapImage read(PinnedObjects objects) {
        Map<Cidr, Subject> subjects = new HashMap<>();
        objects.map(MapLayout.SUBJECTS).forEach((k, v) -> subjects.put(MapLayout.addressKeyCidr(k), Subject.decode(v)));
        Map<PeerKey, Integer> peers = new HashMap<>();
        objects.map(MapLayout.PEERS).forEach((k, v) -> peers.put(PeerKey.decode(k), MapLayout.u32(v)));
        Map<PortKey, Integer> ports = new HashMap<>();
        objects.map(MapLayout.PORTS).forEach((k, v) -> ports.put(PortKey.decode(k), MapLayout.u32(v)));
        Map<Integer, RuleInfo> ruleInfo = new HashMap<>();
        objects.map(MapLayout.RULE_INFO).forEach((k, v) -> ruleInfo.put(MapLayout.u32(k), RuleInfo.decode(v)));
        return new MapImage(subjects, peers, ports, ruleInfo);
    }

    int entries() {
        return subjects.size() + peers.size() + ports.size() + ruleInfo.size();
    }
}
