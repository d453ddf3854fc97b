package org.pcisegment.enforce.ebpf;

import java.nio.file.Path;
import java.time.Instant;
import org.pcisegment.core.ir.PolicyCompiler;
import org.pcisegment.core.ir.RuleSet;
import org.pcisegment.enforce.DesiredState;
import org.pcisegment.enforce.ManagementAccess;
import org.pcisegment.enforce.testing.Lab;

/**
 * The short-lived process of the restart test: enforces the lab policy of one workload through the
 * eBPF backend in its network namespace, prints what it did, and exits.
 * Arguments: pin root, directory written by {@link Lab#writeFiles}, workload name.
 */
public final class EnforceOnce {
    private EnforceOnce() {}

    public static void main(String[] args) {
        RuleSet ruleSet = PolicyCompiler.compile(Lab.load(Path.of(args[1])));
        DesiredState desired = DesiredState.of(
                ruleSet,
                ruleSet.inventory().byName(args[2]).orElseThrow(),
                ManagementAccess.none(),
                Instant.now(),
                "test");
        EbpfEnforcer enforcer = new EbpfEnforcer(EbpfOptions.DEFAULTS.withPinRoot(Path.of(args[0])));
        enforcer.apply(desired);
        System.out.println("applied: " + enforcer.lastApply().orElseThrow());
    }
}
