package org.pcisegment.core.pci;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import org.pcisegment.core.concurrent.Futures;
import org.pcisegment.core.load.PolicySet;

/**
 * Runs every PCI rule over a policy set. Rules are independent of each other, so on a large set two
 * workers take them in turn, each with its own context (a context's resolver caches serve one
 * thread); the findings are put back in rule order, exactly as one worker would have listed them.
 */
public final class Validator {
    /** Below this many policies a second thread costs more than it saves. */
    static final int PARALLEL_FROM_POLICIES = 200;

    private Validator() {}

    public static ValidationResult validate(PolicySet policySet, ValidationOptions options) {
        List<PciRule> rules = PciRules.all();
        List<List<Finding>> byRule = new ArrayList<>(rules.size());
        for (int i = 0; i < rules.size(); i++) {
            byRule.add(List.of());
        }
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            ValidationContext context =
                    new ValidationContext(policySet, options, rules.getFirst().info());
            for (int i = next.getAndIncrement(); i < rules.size(); i = next.getAndIncrement()) {
                List<Finding> found = context.runRule(rules.get(i));
                synchronized (byRule) {
                    byRule.set(i, found);
                }
            }
        };
        FutureTask<Void> second = new FutureTask<>(worker, null);
        if (policySet.policies().size() >= PARALLEL_FROM_POLICIES) {
            Thread.ofPlatform().daemon().name("validate").start(second);
        }
        worker.run();
        second.run(); // no-op when the thread ran it; then waits for it to finish
        Futures.join(second, "validating");
        List<Finding> findings = new ArrayList<>();
        synchronized (byRule) {
            byRule.forEach(findings::addAll);
        }
        return new ValidationResult(policySet, findings);
    }

    public static ValidationResult validate(PolicySet policySet) {
        return validate(policySet, ValidationOptions.DEFAULTS);
    }
}
