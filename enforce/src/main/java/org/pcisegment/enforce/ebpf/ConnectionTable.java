package org.pcisegment.enforce.ebpf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pcisegment.core.ir.AllowEntry;
import org.pcisegment.core.ir.DirectionRules;
import org.pcisegment.core.ir.HostRules;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.enforce.EnforcedItem;
import org.pcisegment.enforce.ebpf.MapLayout.ConnKey;
import org.pcisegment.enforce.ebpf.MapLayout.ConnValue;

/**
 * The control plane's side of the connection table: seeding it with the TCP connections that are
 * open when enforcement starts (the operator's SSH session must survive), and pruning connections a
 * new policy no longer allows (a withdrawn rule must stop the traffic it let in, not only new
 * connections).
 */
final class ConnectionTable {
    private ConnectionTable() {}

    private static final int TCP_ESTABLISHED = 1;

    /** An open TCP connection of this network namespace, from /proc/net/tcp{,6}. */
    record OpenConnection(IpAddress local, int localPort, IpAddress remote, int remotePort) {}

    /**
     * The established TCP connections of the calling thread's network namespace (its {@code
     * /proc/thread-self/net}, which follows setns, unlike {@code /proc/self/net}).
     */
    static List<OpenConnection> established() {
        List<OpenConnection> open = new ArrayList<>();
        for (String file : List.of("tcp", "tcp6")) {
            Path path = Path.of("/proc/thread-self/net", file);
            List<String> lines;
            try {
                lines = Files.readAllLines(path);
            } catch (NoSuchFileException e) {
                continue; // IPv6 disabled
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length < 4 || Integer.parseInt(fields[3], 16) != TCP_ESTABLISHED) {
                    continue;
                }
                String[] local = fields[1].split(":");
                String[] remote = fields[2].split(":");
                open.add(new OpenConnection(
                        procAddress(local[0]), Integer.parseInt(local[1], 16),
                        procAddress(remote[0]), Integer.parseInt(remote[1], 16)));
            }
        }
        return open;
    }

    /**
     * An address as /proc/net/tcp prints it: the bytes in network order, printed as host-order
     * 32-bit words in hex. IPv4-mapped IPv6 sockets are reported as IPv4, the way packets carry
     * them.
     */
    static IpAddress procAddress(String hex) {
        int words = hex.length() / 8;
        ByteBuffer out = ByteBuffer.allocate(words * 4).order(ByteOrder.nativeOrder());
        for (int i = 0; i < words; i++) {
            out.putInt((int) Long.parseLong(hex.substring(8 * i, 8 * i + 8), 16));
        }
        byte[] bytes = out.array();
        return MapLayout.address(bytes.length == 4 ? mapped(bytes) : bytes);
    }

    private static byte[] mapped(byte[] v4) {
        byte[] sixteen = new byte[16];
        sixteen[10] = (byte) 0xff;
        sixteen[11] = (byte) 0xff;
        System.arraycopy(v4, 0, sixteen, 12, 4);
        return sixteen;
    }

    /**
     * Puts every established connection into the table, flagged as seeded, so that packets of
     * connections opened before enforcement keep passing. Returns how many were seeded.
     */
    static int seed(PinnedObjects objects, List<OpenConnection> connections) {
        BpfMap conns = objects.map(MapLayout.CONNS);
        byte[] value = new ConnValue(System.nanoTime(), MapLayout.CONN_SEEDED).encode();
        for (OpenConnection c : connections) {
            conns.put(
                    ConnKey.of(c.local(), c.localPort(), c.remote(), c.remotePort(), 6)
                            .encode(),
                    value);
        }
        return connections.size();
    }

    /**
     * Deletes tracked connections whose opening packet {@code policy} would no longer admit; seeded
     * connections (open before enforcement, opener unknown) are left to time out. Returns how many
     * were deleted.
     */
    static int prune(PinnedObjects objects, DataPlanePolicy policy) {
        Judge judge = new Judge(policy);
        BpfMap conns = objects.map(MapLayout.CONNS);
        List<byte[]> withdrawn = new ArrayList<>();
        conns.forEach((k, v) -> {
            ConnKey key = ConnKey.decode(k);
            ConnValue value = ConnValue.decode(v);
            if ((value.flags() & MapLayout.CONN_SEEDED) != 0) {
                return;
            }
            boolean lowOpened = (value.flags() & MapLayout.CONN_LOW_INITIATED) != 0;
            boolean admitted = lowOpened
                    ? judge.admits(key.low(), key.lowPort(), key.high(), key.highPort(), key.protocol())
                    : judge.admits(key.high(), key.highPort(), key.low(), key.lowPort(), key.protocol());
            if (!admitted) {
                withdrawn.add(k);
            }
        });
        int removed = 0;
        for (byte[] key : withdrawn) {
            removed += conns.remove(key) ? 1 : 0;
        }
        return removed;
    }

    /**
     * Whether the data plane, holding {@code policy}, would admit the opening packet of a
     * connection: the same two-ended judgement as the program, computed from the IR's entries.
     */
    private static final class Judge {
        /** The entries of one side of one host for one protocol. */
        private record Side(int host, Direction direction, Protocol protocol) {}

        private final List<HostRules> hosts;
        private final Map<Side, List<AllowEntry>> entries = new HashMap<>();
        private final List<EnforcedItem.Management> management;

        Judge(DataPlanePolicy policy) {
            this.hosts = policy.hosts();
            this.management = policy.management();
            for (int h = 0; h < hosts.size(); h++) {
                for (Direction direction : Direction.values()) {
                    for (Protocol protocol : Protocol.values()) {
                        List<AllowEntry> list = new ArrayList<>(
                                hosts.get(h).direction(direction).entries(protocol));
                        list.sort(
                                Comparator.comparing((AllowEntry e) -> e.peers().first()));
                        entries.put(new Side(h, direction, protocol), list);
                    }
                }
            }
        }

        boolean admits(IpAddress source, int sourcePort, IpAddress destination, int destinationPort, int number) {
            Protocol protocol = protocol(number);
            if (protocol == null) {
                return false;
            }
            return side(source, Direction.EGRESS, destination, sourcePort, destinationPort, protocol)
                    && side(destination, Direction.INGRESS, source, destinationPort, destinationPort, protocol);
        }

        /** One end: unconstrained unless enforced and restricted; then a rule or management admits. */
        private boolean side(
                IpAddress self, Direction direction, IpAddress peer, int localPort, int port, Protocol protocol) {
            for (int h = 0; h < hosts.size(); h++) {
                HostRules host = hosts.get(h);
                DirectionRules rules = host.direction(direction);
                if (!host.workload().prefixes().contains(self) || !rules.restricted()) {
                    continue;
                }
                return covered(entries.getOrDefault(new Side(h, direction, protocol), List.of()), peer, port)
                        || managed(peer, direction == Direction.INGRESS ? port : localPort, protocol);
            }
            return true;
        }

        private boolean managed(IpAddress peer, int localPort, Protocol protocol) {
            for (EnforcedItem.Management item : management) {
                if (item.protocol() == protocol
                        && item.sources().first().compareTo(peer) <= 0
                        && peer.compareTo(item.sources().last()) <= 0
                        && item.ports().first() <= localPort
                        && localPort <= item.ports().last()) {
                    return true;
                }
            }
            return false;
        }

        private static boolean covered(List<AllowEntry> sorted, IpAddress peer, int port) {
            int low = 0;
            int high = sorted.size() - 1;
            // the last entry starting at or before the peer; entries are disjoint, but one address
            // range may carry several port pieces, so scan back over entries of the same range
            int found = -1;
            while (low <= high) {
                int middle = (low + high) >>> 1;
                if (sorted.get(middle).peers().first().compareTo(peer) <= 0) {
                    found = middle;
                    low = middle + 1;
                } else {
                    high = middle - 1;
                }
            }
            for (int i = found; i >= 0; i--) {
                AllowEntry entry = sorted.get(i);
                if (peer.compareTo(entry.peers().last()) > 0) {
                    break;
                }
                if (entry.ports().first() <= port && port <= entry.ports().last()) {
                    return true;
                }
            }
            return false;
        }

        private static @org.jspecify.annotations.Nullable Protocol protocol(int number) {
            for (Protocol protocol : Protocol.values()) {
                if (protocol.number() == number) {
                    return protocol;
                }
            }
            return null;
        }
    }
}
