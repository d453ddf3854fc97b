package org.pcisegment.enforce.ebpf;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads deny events from the pinned ring buffer of an installation and hands them, decoded and
 * named, to a consumer (the audit log). The kernel side rate-limits what it writes, so a flood of
 * denied packets costs user space a bounded number of events per second.
 */
public final class DenyEventReader implements AutoCloseable {
    private final PinnedObjects objects;
    private final Libbpf.RingBuffer ring;
    private final Map<Integer, String> names = new HashMap<>();
    private Consumer<DenyEvent> consumer = event -> {};

    private DenyEventReader(PinnedObjects objects) {
        this.objects = objects;
        this.ring = Libbpf.ringBuffer(objects.map(MapLayout.EVENTS).fd(), this::deliver);
    }

    /** Opens the ring buffer of the installation pinned in {@code pins}. */
    public static DenyEventReader open(Path pins) {
        PinnedObjects objects = PinnedObjects.open(pins);
        try {
            return new DenyEventReader(objects);
        } catch (RuntimeException e) {
            objects.close();
            throw e;
        }
    }

    /** Waits up to {@code timeout} for events and passes each to {@code sink}; returns how many. */
    public int poll(Duration timeout, Consumer<DenyEvent> sink) {
        consumer = sink;
        return ring.poll(timeout);
    }

    private void deliver(byte[] record) {
        consumer.accept(DenyEvent.decode(record, this::counterName));
    }

    private String counterName(int counter) {
        if (counter < MapLayout.FIRST_DYNAMIC_COUNTER) {
            return MapLayout.fixedCounterName(counter);
        }
        return names.computeIfAbsent(
                counter,
                id -> objects.map(MapLayout.RULE_INFO)
                        .get(MapLayout.u32(id))
                        .map(v -> MapLayout.RuleInfo.decode(v).text())
                        .orElse("counter " + id));
    }

    @Override
    public void close() {
        try {
            ring.close();
        } finally {
            objects.close();
        }
    }
}
