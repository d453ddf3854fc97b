package org.pcisegment.enforce.ebpf;

import java.util.List;
import org.pcisegment.core.ir.HostRules;
import org.pcisegment.enforce.EnforcedItem;

/**
 * What the data plane of one host judges: the workloads whose traffic it enforces (their
 * restricted directions become map entries; any other address is unconstrained here, as its own
 * host judges it) and the management exception items that every enforced workload admits. The
 * SPI's desired state names one workload; tests install several at once to compare whole rule sets
 * with {@code RuleSet.decide}.
 */
record DataPlanePolicy(List<HostRules> hosts, List<EnforcedItem.Management> management) {

    DataPlanePolicy {
        hosts = List.copyOf(hosts);
        management = List.copyOf(management);
    }
}
