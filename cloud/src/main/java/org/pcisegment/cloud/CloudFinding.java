package org.pcisegment.cloud;

import java.util.Comparator;
import org.pcisegment.core.pci.Severity;

/**
 * One result of {@code cloud-validate}: which check, the PCI-DSS v4.0 requirement it concerns, how
 * bad, the cloud resource, a sentence an assessor can paste into a report, and what to do.
 */
public record CloudFinding(
        String check, String requirement, Severity severity, String resource, String message, String remediation) {

    public static final Comparator<CloudFinding> ORDER = Comparator.comparing(CloudFinding::severity)
            .thenComparing(CloudFinding::resource)
            .thenComparing(CloudFinding::check)
            .thenComparing(CloudFinding::message);

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
