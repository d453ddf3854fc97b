package org.pcisegment.enforce.ebpf;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.pcisegment.audit.AuditEvent;
import org.pcisegment.audit.AuditSink;
import org.pcisegment.audit.Subject;
import org.pcisegment.core.policy.Direction;

/**
 * Carries the data plane's deny events into the audit log, as batched flow-denied events (the
 * audit sink puts them on disk within its bounded delay). The kernel rate-limits what it reports
 * and counts the rest, so a flood costs a bounded number of audit records per second.
 */
public final class DenyEventForwarder implements AutoCloseable {
    private final DenyEventReader reader;
    private final AuditSink sink;

    private DenyEventForwarder(DenyEventReader reader, AuditSink sink) {
        this.reader = reader;
        this.sink = sink;
    }

    /** Forwards the events of the installation pinned in {@code pins} (see {@link EbpfEnforcer#pins()}). */
    public static DenyEventForwarder open(Path pins, AuditSink sink) {
        return new DenyEventForwarder(DenyEventReader.open(pins), sink);
    }

    /** Waits up to {@code timeout} for events, forwards them, and returns how many. */
    public int forward(Duration timeout) {
        return reader.poll(timeout, event -> sink.recordBatched(toAudit(event)));
    }

    /**
     * The audit form of a deny event: the 5-tuple, the side of this host that refused it (the
     * destination's ingress, the source's egress; the hook that saw it when both refuse or the
     * parser dropped it), no policy (nothing allows it), and the reason and interface as labels.
     */
    static AuditEvent toAudit(DenyEvent event) {
        Direction direction = switch (event.reason()) {
            case DEFAULT_DENY_ON_DESTINATION -> Direction.INGRESS;
            case EGRESS_NOT_ALLOWED_AT_SOURCE -> Direction.EGRESS;
            default -> event.hook() == DenyEvent.Hook.INGRESS ? Direction.INGRESS : Direction.EGRESS;
        };
        Subject.NetworkFlow flow = new Subject.NetworkFlow(
                event.source(),
                event.sourcePort(),
                event.destination(),
                event.destinationPort(),
                event.protocol(),
                direction,
                1,
                Optional.empty(),
                Optional.empty());
        return AuditEvent.flowDenied(flow)
                .withTimestamp(event.time())
                .withLabel("deny_reason", event.reason().text())
                .withLabel("counter", event.counterName())
                .withLabel("interface_index", Integer.toString(event.interfaceIndex()))
                .withLabel("backend", EbpfEnforcer.NAME);
    }

    @Override
    public void close() {
        reader.close();
    }
}
