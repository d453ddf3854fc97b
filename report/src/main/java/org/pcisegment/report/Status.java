package org.pcisegment.report;

import java.util.Locale;

/** The status of one requirement in a report. */
public enum Status {
    /** The tool holds evidence that the requirement is met. */
    EVIDENCED,
    /** The tool found something that fails the requirement. */
    FINDING,
    /** The tool cannot assess it (outside its reach, or an input it needs was not given). */
    NOT_ASSESSED;

    /** "evidenced", "finding", "not-assessed": the JSON and CSS name. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** "Evidenced", "Finding", "Not assessed". */
    public String label() {
        return switch (this) {
            case EVIDENCED -> "Evidenced";
            case FINDING -> "Finding";
            case NOT_ASSESSED -> "Not assessed";
        };
    }
}
