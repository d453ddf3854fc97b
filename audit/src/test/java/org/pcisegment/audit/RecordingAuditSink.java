package org.pcisegment.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory sink for tests of modules that write audit events: keeps every event in order and
 * applies the same rule as {@link AuditLog} (only flow events may be batched).
 */
public final class RecordingAuditSink implements AuditSink {
    private final List<AuditEvent> events = new ArrayList<>();

    @Override
    public synchronized void record(AuditEvent event) {
        events.add(event);
    }

    @Override
    public synchronized void recordBatched(AuditEvent event) {
        if (!event.action().batchable()) {
            throw new IllegalArgumentException(event.action().actionName() + " is a security event: use record()");
        }
        events.add(event);
    }

    public synchronized List<AuditEvent> events() {
        return List.copyOf(events);
    }

    public synchronized List<AuditEvent> events(EventAction action) {
        return events.stream().filter(e -> e.action() == action).toList();
    }
}
