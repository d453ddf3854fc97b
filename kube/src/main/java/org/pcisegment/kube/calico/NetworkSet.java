package org.pcisegment.kube.calico;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.net.PrefixSet;
import org.pcisegment.core.source.SourceSpan;

/**
 * A Calico (Global)NetworkSet: labelled address blocks outside the cluster that rule selectors can
 * match like endpoints.
 */
public record NetworkSet(
        Optional<String> namespace, String name, Map<String, String> labels, List<Cidr> nets, SourceSpan span) {

    public NetworkSet {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        nets = List.copyOf(nets);
    }

    public PrefixSet addresses() {
        PrefixSet set = PrefixSet.empty();
        for (Cidr cidr : nets) {
            set = set.union(PrefixSet.of(cidr));
        }
        return set;
    }
}
