package org.pcisegment.core.inventory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.net.PrefixSet;
import org.pcisegment.core.source.SourceSpan;

/** A host or group of hosts from the trusted inventory: its addresses and labels. */
public record Workload(String name, List<Cidr> addresses, Map<String, String> labels, SourceSpan span) {

    /** The label that marks Cardholder Data Environment workloads. */
    public static final String CDE_LABEL = "pci-env";

    public static final String CDE_VALUE = "cde";

    public Workload {
        addresses = List.copyOf(addresses);
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    public boolean isCde() {
        return CDE_VALUE.equals(labels.get(CDE_LABEL));
    }

    /** Every address of this workload as one set. */
    public PrefixSet prefixes() {
        return PrefixSet.unionAll(addresses.stream().map(PrefixSet::of).toList());
    }
}
