package org.pcisegment.core.pci;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.pcisegment.core.load.PolicySet;
import org.pcisegment.core.policy.Policy;
import org.pcisegment.core.source.SourceSpan;

/**
 * The findings of one validation run over a policy set. Findings are indexed by policy once, so
 * that writers asking for each policy's findings stay linear in the size of the set (10,000
 * policies with a finding each would otherwise cost 10^8 comparisons per question).
 */
public final class ValidationResult {
    private final PolicySet policySet;
    private final List<Finding> findings;
    private final Map<SourceSpan, List<Finding>> byPolicy;
    private final List<Finding> setFindings;

    public ValidationResult(PolicySet policySet, List<Finding> findings) {
        this.policySet = policySet;
        this.findings = findings.stream().sorted(Finding.ORDER).toList();
        this.byPolicy = this.findings.stream()
                .filter(f -> f.policy().isPresent())
                .collect(Collectors.groupingBy(
                        f -> f.policy().orElseThrow().span(), LinkedHashMap::new, Collectors.toUnmodifiableList()));
        this.setFindings =
                this.findings.stream().filter(f -> f.policy().isEmpty()).toList();
    }

    public PolicySet policySet() {
        return policySet;
    }

    /** Every finding: errors first, then by position. */
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
        return setFindings;
    }

    public boolean isValid(Policy policy) {
        return findingsFor(policy).stream().noneMatch(Finding::isError);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValidationResult other
                && policySet.equals(other.policySet)
                && findings.equals(other.findings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(policySet, findings);
    }

    @Override
    public String toString() {
        return "ValidationResult[" + policySet.policies().size() + " policies, " + findings.size() + " findings]";
    }
}
