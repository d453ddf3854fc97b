package org.pcisegment.report.catalogue;

import java.util.Locale;
import java.util.Optional;

/** Where the evidence for a requirement comes from; the catalogue describes each in a sentence. */
public enum EvidenceSource {
    VALIDATION_FINDINGS,
    ANALYSIS_REACHABILITY,
    ANALYSIS_CDE_FLOWS,
    INVENTORY,
    POLICY_SET_HASH,
    AUDIT_POLICY_CHANGES,
    AUDIT_RECORDS,
    AUDIT_FILES,
    AUDIT_VERIFY,
    AUDIT_SEGMENTATION_TESTS;

    /** The name used in the catalogue file and the JSON report, e.g. "audit-verify". */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<EvidenceSource> fromKey(String key) {
        for (EvidenceSource source : values()) {
            if (source.key().equals(key)) {
                return Optional.of(source);
            }
        }
        return Optional.empty();
    }
}
