package org.pcisegment.enforce.ebpf;

import java.util.Optional;

/** The single entry of the config map: timeouts, event rate, installed policy hash, generation. */
final class ConfigMap {
    private static final byte[] KEY = MapLayout.u32(0);

    private ConfigMap() {}

    static void write(PinnedObjects objects, MapLayout.Config config) {
        objects.map(MapLayout.CONFIG).put(KEY, config.encode());
    }

    /** The installed config; empty when nothing was written yet (an array entry reads as zeros). */
    static Optional<MapLayout.Config> read(PinnedObjects objects) {
        return objects.map(MapLayout.CONFIG)
                .get(KEY)
                .map(MapLayout.Config::decode)
                .filter(config -> config.generation() > 0);
    }
}
