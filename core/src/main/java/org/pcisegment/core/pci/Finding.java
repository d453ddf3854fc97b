package org.pcisegment.core.pci;

import java.util.Comparator;
import java.util.Optional;
import org.pcisegment.core.source.SourceSpan;

/**
 * One result of a PCI rule: a sentence an assessor can paste into a report, where it is, the
 * requirement it concerns, and what to do about it.
 */
public record Finding(
        String ruleId,
        String requirement,
        Severity severity,
        String message,
        SourceSpan span,
        String remediation,
        Optional<PolicyRef> policy) {

    /** Errors first, then by file position, then by rule. */
    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity)
            .thenComparing(Finding::span)
            .thenComparing(Finding::ruleId)
            .thenComparing(Finding::message);

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
