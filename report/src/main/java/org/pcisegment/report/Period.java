package org.pcisegment.report;

import java.time.Instant;

/** The period a report covers: events from {@code since} (inclusive) to {@code until} (exclusive). */
public record Period(Instant since, Instant until) {
    public Period {
        if (until.isBefore(since)) {
            throw new IllegalArgumentException("the period ends (" + until + ") before it starts (" + since + ")");
        }
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(since) && instant.isBefore(until);
    }
}
