package org.pcisegment.core.pci;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pcisegment.core.load.PolicySet;
import org.pcisegment.core.policy.Policy;
import org.pcisegment.core.source.SourceSpan;

/** The findings of one validation run over a policy set, sorted, and indexed by policy. */
public final class ValidationResult {
    private final PolicySet policySet;
    private final List<Finding> findings;
    private final Map<SourceSpan, List<Finding>> byPolicy = new HashMap<>();

    public ValidationResult(PolicySet policySet, List<Finding> findings) {
        this.policySet = policySet;
        this.findings = findings.stream().sorted(Finding.ORDER).toList();
        for (Finding finding : this.findings) {
            finding.policy()
                    .ifPresent(ref -> byPolicy.computeIfAbsent(ref.span(), k -> new ArrayList<>())
                            .add(finding));
        }
    }

    public PolicySet policySet() {
        return policySet;
    }

    public List<Finding> findings() {
        return findings;
    }

    public boolean isValid() {
        return findings.stream().noneMatch(Finding::isError);
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** The findings about one policy. */
    public List<Finding> findingsFor(Policy policy) {
        return byPolicy.getOrDefault(policy.span(), List.of());
    }

    /** Findings about the inventory or the set as a whole, not one policy. */
    public List<Finding> setFindings() {
        return findings.stream().filter(f -> f.policy().isEmpty()).toList();
    }

    public boolean isValid(Policy policy) {
        return findingsFor(policy).stream().noneMatch(Finding::isError);
    }
}
