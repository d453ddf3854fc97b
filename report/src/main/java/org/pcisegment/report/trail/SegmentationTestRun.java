package org.pcisegment.report.trail;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A segmentation test recorded in the audit log: when, by whom, how many probes, which failed. */
public record SegmentationTestRun(
        Instant time, String user, int probes, List<String> failures, Optional<String> policySetSha256) {

    public SegmentationTestRun {
        failures = List.copyOf(failures);
    }

    public boolean passed() {
        return failures.isEmpty();
    }
}
