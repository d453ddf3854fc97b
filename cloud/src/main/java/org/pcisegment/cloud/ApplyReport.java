package org.pcisegment.cloud;

import java.util.List;
import java.util.Optional;

/**
 * What an apply did: the steps applied (and audited), the steps not applied, and the failure that
 * stopped it. A re-run plans from the cloud's state, so it picks up exactly the steps not applied.
 */
public record ApplyReport(List<Change> applied, List<Change> notApplied, Optional<String> failure) {
    public ApplyReport {
        applied = List.copyOf(applied);
        notApplied = List.copyOf(notApplied);
    }

    public boolean succeeded() {
        return failure.isEmpty();
    }

    public String describe() {
        StringBuilder out = new StringBuilder();
        if (failure.isEmpty()) {
            out.append("Apply complete: ").append(applied.size()).append(" change(s) applied.\n");
            return out.toString();
        }
        out.append("Apply FAILED: ").append(failure.get()).append('\n');
        out.append("\nApplied (").append(applied.size()).append("):\n");
        applied.forEach(c -> out.append("  ")
                .append(c.resource())
                .append(": ")
                .append(c.line())
                .append('\n'));
        out.append("\nNot applied (").append(notApplied.size()).append("):\n");
        notApplied.forEach(c -> out.append("  ")
                .append(c.resource())
                .append(": ")
                .append(c.line())
                .append('\n'));
        out.append("\nNothing was rolled back. Run cloud-sync again to apply the rest: it plans from the cloud's"
                + " current state.\n");
        return out.toString();
    }
}
