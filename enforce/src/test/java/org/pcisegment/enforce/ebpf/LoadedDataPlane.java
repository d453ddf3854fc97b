package org.pcisegment.enforce.ebpf;

import java.nio.file.Path;
import java.util.UUID;

/**
 * The data plane loaded into the kernel and pinned under a unique test directory, not attached to
 * any interface: packets are judged through BPF_PROG_TEST_RUN. Policies are installed with the
 * same planner and transaction as production; close() unpins everything.
 */
final class LoadedDataPlane implements AutoCloseable {
    static final int PASS = -1; // TC_ACT_UNSPEC
    static final int DROP = 2; // TC_ACT_SHOT

    private final PinnedObjects objects;
    private MapImage installed = MapImage.empty();

    LoadedDataPlane() {
        Path directory = PinnedObjects.BPFFS.resolve("pci-segment-test-" + UUID.randomUUID());
        this.objects = PinnedObjects.load(directory);
        ConfigMap.write(objects, DataPlaneSettings.defaults().config(new byte[32], 1, 0, "test"));
    }

    PinnedObjects objects() {
        return objects;
    }

    MapImage installed() {
        return installed;
    }

    /** Installs a policy as a diff against the previous one; returns what the transaction did. */
    MapTransaction.Applied install(DataPlanePolicy policy) {
        MapImage next = MapPlanner.plan(policy, installed);
        MapTransaction.Applied applied = MapTransaction.apply(objects, MapTransaction.diff(installed, next));
        installed = next;
        return applied;
    }

    /** The program's return code for a frame arriving on TC ingress. */
    int verdict(byte[] frame) {
        return Libbpf.testRun(objects.program(Libbpf.TcHook.INGRESS), frame).returnValue();
    }

    /** Forgets tracked connections, so that the next packets are judged by policy alone. */
    void clearConnections() {
        BpfMap conns = objects.map(MapLayout.CONNS);
        java.util.List<byte[]> keys = new java.util.ArrayList<>();
        conns.forEach((k, v) -> keys.add(k));
        keys.forEach(conns::remove);
    }

    @Override
    public void close() {
        try {
            objects.unpin();
        } finally {
            objects.close();
        }
    }
}
