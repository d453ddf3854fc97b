package org.pcisegment.enforce.ebpf;

import java.time.Duration;

/**
 * Tunables of the data plane: how long an idle tracked connection keeps passing (Linux conntrack's
 * defaults), and how many deny events per second each CPU may report, with a burst allowance, so
 * that a flood of denied packets costs a bounded amount of work in user space.
 */
public record DataPlaneSettings(
        Duration tcpTimeout,
        Duration tcpClosingTimeout,
        Duration otherTimeout,
        int eventsPerSecondPerCpu,
        int eventBurst) {

    public DataPlaneSettings {
        if (eventsPerSecondPerCpu < 1 || eventBurst < 1) {
            throw new IllegalArgumentException("event rate and burst must be at least 1");
        }
    }

    public static DataPlaneSettings defaults() {
        return new DataPlaneSettings(Duration.ofDays(5), Duration.ofMinutes(2), Duration.ofMinutes(3), 200, 400);
    }

    /** The config map entry for these settings and the metadata of what is installed. */
    MapLayout.Config config(byte[] policySha256, long generation, long appliedAtSeconds, String toolVersion) {
        long interval = 1_000_000_000L / eventsPerSecondPerCpu;
        return new MapLayout.Config(
                tcpTimeout.toNanos(),
                tcpClosingTimeout.toNanos(),
                otherTimeout.toNanos(),
                interval,
                interval * eventBurst,
                generation,
                policySha256,
                appliedAtSeconds,
                toolVersion);
    }
}
