package org.pcisegment.core.pci;

import java.util.List;
import org.pcisegment.core.load.PolicySet;
import org.pcisegment.core.policy.Policy;

/** The findings of one validation run over a policy set. */
public record ValidationResult(PolicySet policySet, List<Finding> findings) {

    public ValidationResult {
        findings = findings.stream().sorted(Finding.ORDER).toList();
    }

    public boolean isValid() {
        return findings.stream().noneMatch(Finding::isError);
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** The findings about one policy. */
    public List<Finding> findingsFor(Policy policy) {
        return findings.stream()
                .filter(f -> f.policy().filter(ref -> ref.refersTo(policy)).isPresent())
                .toList();
    }

    /** Findings about the inventory or the set as a whole, not one policy. */
    public List<Finding> setFindings() {
        return findings.stream().filter(f -> f.policy().isEmpty()).toList();
    }

    public boolean isValid(Policy policy) {
        return findingsFor(policy).stream().noneMatch(Finding::isError);
    }
}
