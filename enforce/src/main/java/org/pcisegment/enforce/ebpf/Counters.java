package org.pcisegment.enforce.ebpf;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;

/** Reads the per-CPU counters of an installation, summed over CPUs. */
final class Counters {
    private Counters() {}

    /** Packets and bytes counted under one id. */
    record Count(long packets, long bytes) {}

    /** Every counter with a non-zero count or a name (fixed reasons and rule_info entries). */
    static Map<Integer, Count> read(PinnedObjects objects, Iterable<Integer> ids) {
        BpfMap counters = objects.map(MapLayout.COUNTERS);
        int slot = counters.valueSize() / counters.slots();
        Map<Integer, Count> out = new TreeMap<>();
        for (int id : ids) {
            byte[] value = counters.get(MapLayout.u32(id)).orElse(new byte[counters.valueSize()]);
            ByteBuffer in = ByteBuffer.wrap(value).order(MapLayout.HOST);
            long packets = 0;
            long bytes = 0;
            for (int cpu = 0; cpu < counters.slots(); cpu++) {
                packets += in.getLong(cpu * slot);
                bytes += in.getLong(cpu * slot + 8);
            }
            out.put(id, new Count(packets, bytes));
        }
        return out;
    }
}
