package org.pcisegment.audit;

import java.util.Locale;
import java.util.Optional;

/** ECS {@code event.outcome}: whether what the event records succeeded. */
public enum Outcome {
    SUCCESS,
    FAILURE,
    UNKNOWN;

    private final String ecsName = name().toLowerCase(Locale.ROOT);

    /** The ECS value: "success", "failure" or "unknown". */
    public String ecsName() {
        return ecsName;
    }

    public static Optional<Outcome> fromEcs(String value) {
        for (Outcome outcome : values()) {
            if (outcome.ecsName().equals(value)) {
                return Optional.of(outcome);
            }
        }
        return Optional.empty();
    }
}
