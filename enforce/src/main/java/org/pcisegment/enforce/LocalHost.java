package org.pcisegment.enforce;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pcisegment.core.inventory.Inventory;
import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.source.InputException;
import org.pcisegment.core.source.SourceSpan;

/** Finds which inventory workload this machine is, from the addresses of its interfaces. */
public final class LocalHost {
    private LocalHost() {}

    /** The addresses of every interface that is up, loopback excluded. */
    public static List<IpAddress> addresses() {
        List<IpAddress> addresses = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    IpAddress.parse(address.getHostAddress().replaceFirst("%.*$", ""))
                            .ifPresent(addresses::add);
                }
            }
        } catch (SocketException e) {
            throw new InputException(
                    SourceSpan.of("--host"),
                    "cannot list this machine's addresses (" + e.getMessage() + "); give --host");
        }
        return addresses;
    }

    /**
     * The workload owning some of {@code local}. Exactly one workload must match: none or several
     * is an input error asking for {@code --host}.
     */
    public static Workload find(Inventory inventory, List<IpAddress> local) {
        Map<String, Workload> matches = new LinkedHashMap<>();
        for (IpAddress address : local) {
            Optional<Workload> owner = inventory.workloadAt(address);
            owner.ifPresent(w -> matches.putIfAbsent(w.name(), w));
        }
        SourceSpan flag = SourceSpan.of("--host");
        if (matches.isEmpty()) {
            throw new InputException(
                    flag, "no inventory workload owns any address of this machine " + local + "; give --host NAME");
        }
        if (matches.size() > 1) {
            throw new InputException(
                    flag,
                    "this machine's addresses belong to several workloads " + matches.keySet() + "; give --host NAME");
        }
        return matches.values().iterator().next();
    }

    /** The workload called {@code name}, or an input error listing the names there are. */
    public static Workload byName(Inventory inventory, String name) {
        return inventory
                .byName(name)
                .orElseThrow(() -> new InputException(
                        SourceSpan.of("--host"),
                        "no workload '" + name + "' in the inventory; workloads: "
                                + inventory.workloads().stream()
                                        .map(Workload::name)
                                        .toList()));
    }
}
