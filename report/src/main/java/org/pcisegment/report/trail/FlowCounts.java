package org.pcisegment.report.trail;

/**
 * Data-plane events in the period: how many deny and allow events the log holds, and how many
 * packets they stand for (one event may aggregate several packets of a flow).
 */
public record FlowCounts(long blockedEvents, long blockedPackets, long allowedEvents, long allowedPackets) {
    public static final FlowCounts NONE = new FlowCounts(0, 0, 0, 0);
}
