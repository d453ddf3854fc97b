package org.pcisegment.enforce.ebpf;

import java.util.List;
import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.ir.RuleSet;

/**
 * What the data plane of one host enforces: the compiled rule set, the workloads whose traffic
 * this host judges (their restricted directions become map entries; every other address is
 * unconstrained here, as its own host judges it), and the management exceptions.
 */
public record DataPlanePolicy(RuleSet ruleSet, List<Workload> subjects, List<ManagementAccess> management) {

    public DataPlanePolicy {
        subjects = List.copyOf(subjects);
        management = List.copyOf(management);
    }
}
