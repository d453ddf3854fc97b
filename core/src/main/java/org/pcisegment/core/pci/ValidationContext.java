package org.pcisegment.core.pci;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pcisegment.core.inventory.Inventory;
import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.ir.PolicyResolver;
import org.pcisegment.core.load.PolicySet;
import org.pcisegment.core.net.PrefixSet;
import org.pcisegment.core.policy.Policy;
import org.pcisegment.core.source.OneLine;
import org.pcisegment.core.source.SourceSpan;

/**
 * What a rule sees: the policy set, the inventory, the options, shared resolution helpers, and the
 * sink for its findings (stamped with the running rule's metadata).
 */
public final class ValidationContext {
    private final PolicySet policySet;
    private final ValidationOptions options;
    private final PolicyResolver resolver;
    private List<Finding> findings = new ArrayList<>();
    private RuleInfo current;

    ValidationContext(PolicySet policySet, ValidationOptions options, RuleInfo first) {
        this.policySet = policySet;
        this.options = options;
        this.resolver = new PolicyResolver(policySet.inventory());
        this.current = first;
    }

    /** Runs one rule and returns what it found. */
    List<Finding> runRule(PciRule rule) {
        current = rule.info();
        findings = new ArrayList<>();
        rule.check(this);
        return findings;
    }

    public List<Policy> policies() {
        return policySet.policies();
    }

    public Inventory inventory() {
        return policySet.inventory();
    }

    public boolean hasInventory() {
        return !policySet.inventory().isEmpty();
    }

    public ValidationOptions options() {
        return options;
    }

    public PolicyResolver resolver() {
        return resolver;
    }

    /**
     * Whether a policy governs CDE workloads: its selector requires {@code pci-env: cde}, or it
     * selects a CDE workload of the inventory.
     */
    public boolean isCdePolicy(Policy policy) {
        return requiresCdeLabel(policy) || resolver.subjects(policy).stream().anyMatch(Workload::isCde);
    }

    public static boolean requiresCdeLabel(Policy policy) {
        return policy.podSelector().requires(Workload.CDE_LABEL, Workload.CDE_VALUE);
    }

    /** The inventory workloads with any address in {@code addresses}. */
    public List<Workload> workloadsWithin(PrefixSet addresses) {
        return inventory().workloadsWithin(addresses);
    }

    /** Reports a finding of the running rule with its default severity. */
    public void report(Optional<Policy> policy, SourceSpan span, String message) {
        report(current.severity(), policy, span, message);
    }

    public void report(Policy policy, SourceSpan span, String message) {
        report(Optional.of(policy), span, message);
    }

    /** Reports a finding with a severity other than the rule's default. */
    public void report(Severity severity, Optional<Policy> policy, SourceSpan span, String message) {
        findings.add(new Finding(
                current.id(),
                current.requirement(),
                severity,
                OneLine.escape(message),
                span,
                current.remediation(),
                policy.map(PolicyRef::of)));
    }
}
