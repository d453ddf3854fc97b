package org.pcisegment.report.catalogue;

import java.util.List;
import java.util.Optional;

/**
 * One numbered requirement of the catalogue: its id, its short title (from core's requirement list),
 * the rule that decides its status, the evidence that rule reads, and, for requirements this tool
 * does not assess, the reason.
 */
public record Control(
        String id, String title, StatusRule rule, List<EvidenceSource> evidence, Optional<String> notAssessedReason) {

    public Control {
        evidence = List.copyOf(evidence);
    }

    public boolean isSection() {
        return rule == StatusRule.SECTION;
    }

    /** 0 for a principal requirement ("10"), 1 for "10.2", 2 for "10.2.1", 3 for "10.2.1.1". */
    public int depth() {
        return (int) id.chars().filter(c -> c == '.').count();
    }

    /** The principal requirement this belongs to ("10" for "10.2.1.1"). */
    public String principal() {
        int dot = id.indexOf('.');
        return dot < 0 ? id : id.substring(0, dot);
    }

    /** Whether {@code other} lies below this one ("1.2.3" below "1.2" and "1"). */
    public boolean contains(Control other) {
        return other.id.startsWith(id + ".");
    }
}
