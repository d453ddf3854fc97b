package org.pcisegment.cloud;

import java.util.List;
import org.pcisegment.core.pci.Severity;

/** What {@code cloud-validate} found in one scope. */
public record CloudReport(
        String provider, String scope, String policySetHash, int groups, int instances, List<CloudFinding> findings) {
    public CloudReport {
        findings = List.copyOf(findings);
    }

    /** Compliant when no finding is an error. */
    public boolean compliant() {
        return findings.stream().noneMatch(CloudFinding::isError);
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }
}
