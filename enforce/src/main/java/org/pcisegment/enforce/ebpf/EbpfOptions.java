package org.pcisegment.enforce.ebpf;

import java.nio.file.Path;
import java.util.List;

/**
 * Settings of the eBPF backend: the interfaces to enforce on (empty: every interface of the
 * network namespace but loopback), where the maps and programs are pinned (one directory per
 * network namespace below {@code pinRoot}), and the data plane's tunables.
 */
public record EbpfOptions(List<String> interfaces, Path pinRoot, DataPlaneSettings settings) {
    /** Every non-loopback interface, pins under /sys/fs/bpf/pci-segment, default timeouts and rates. */
    public static final EbpfOptions DEFAULTS =
            new EbpfOptions(List.of(), PinnedObjects.BPFFS.resolve("pci-segment"), DataPlaneSettings.defaults());

    public EbpfOptions {
        interfaces = List.copyOf(interfaces);
    }

    public EbpfOptions withInterfaces(List<String> names) {
        return new EbpfOptions(names, pinRoot, settings);
    }

    public EbpfOptions withPinRoot(Path root) {
        return new EbpfOptions(interfaces, root, settings);
    }
}
