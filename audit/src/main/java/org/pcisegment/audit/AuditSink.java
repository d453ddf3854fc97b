package org.pcisegment.audit;

/**
 * Where modules write audit events. {@link AuditLog} is the durable implementation; tests of other
 * modules may use the recording sink from this module's test jar.
 */
public interface AuditSink {
    /**
     * Writes a security event and forces it to disk before returning, so the caller may report the
     * action done only after this returns. Throws {@link AuditException} when it cannot be written:
     * the caller must then treat the action as failed.
     */
    void record(AuditEvent event);

    /**
     * Queues a high-rate data-plane event ({@link EventAction#batchable()}); it reaches the disk
     * within the sink's bounded delay. Throws {@link IllegalArgumentException} for any other kind of
     * event: security events are never batched.
     */
    void recordBatched(AuditEvent event);
}
