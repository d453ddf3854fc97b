package org.pcisegment.enforce.ebpf;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.pcisegment.core.ir.DenyReason;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.IpFamily;

/**
 * A packet the data plane dropped, as reported on the ring buffer: when, where (interface and TC
 * hook), the 5-tuple, why, and the counter that counted it (a workload's default deny, or a
 * parser reason) with its name.
 */
public record DenyEvent(
        Instant time,
        int interfaceIndex,
        Hook hook,
        Reason reason,
        int protocol,
        IpAddress source,
        int sourcePort,
        IpAddress destination,
        int destinationPort,
        int counter,
        String counterName) {

    /** The TC hook that saw the packet. */
    public enum Hook {
        INGRESS,
        EGRESS
    }

    /** Why the packet was dropped (pci_segment.h PCI_REASON_*). */
    public enum Reason {
        NO_POLICY_ALLOWS(DenyReason.NO_POLICY_ALLOWS),
        DEFAULT_DENY_ON_DESTINATION(DenyReason.DEFAULT_DENY_ON_DESTINATION),
        EGRESS_NOT_ALLOWED_AT_SOURCE(DenyReason.EGRESS_NOT_ALLOWED_AT_SOURCE),
        FRAGMENT(null),
        MALFORMED(null);

        private final @org.jspecify.annotations.Nullable DenyReason policyReason;

        Reason(@org.jspecify.annotations.Nullable DenyReason policyReason) {
            this.policyReason = policyReason;
        }

        /** The IR's reason for a policy denial; empty for the parser's reasons. */
        public Optional<DenyReason> policyReason() {
            return Optional.ofNullable(policyReason);
        }

        public String text() {
            return switch (this) {
                case FRAGMENT -> "non-first fragment to or from a restricted workload";
                case MALFORMED -> "unparsable packet to or from a restricted workload";
                default -> policyReason().map(DenyReason::text).orElseThrow();
            };
        }

        static Reason of(int code) {
            if (code < 1 || code > values().length) {
                throw new IllegalArgumentException("unknown deny reason " + code);
            }
            return values()[code - 1];
        }
    }

    /** "tcp 10.0.2.10:40000 -> 10.0.1.20:5432". */
    public String flowText() {
        String name = switch (protocol) {
            case 6 -> "tcp";
            case 17 -> "udp";
            case 132 -> "sctp";
            case 1 -> "icmp";
            case 58 -> "icmpv6";
            default -> "proto " + protocol;
        };
        return name + " " + endpoint(source, sourcePort) + " -> " + endpoint(destination, destinationPort);
    }

    private static String endpoint(IpAddress address, int port) {
        String host = address.family() == IpFamily.V6 ? "[" + address + "]" : address.toString();
        return port == 0 ? host : host + ":" + port;
    }

    /**
     * Decodes a ring-buffer record ({@code struct pci_event}); the kernel's monotonic timestamp
     * becomes wall-clock time through the current offset between the two clocks.
     */
    static DenyEvent decode(byte[] record, java.util.function.IntFunction<String> counterNames) {
        if (record.length < MapLayout.EVENT_SIZE) {
            throw new IllegalArgumentException("deny event of " + record.length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(record).order(MapLayout.HOST);
        long monotonic = in.getLong(0);
        long ageNanos = Math.max(0, System.nanoTime() - monotonic);
        Instant time = Instant.now().minusNanos(ageNanos);
        int counter = in.getInt(12);
        return new DenyEvent(
                time,
                in.getInt(8),
                record[16] == 0 ? Hook.INGRESS : Hook.EGRESS,
                Reason.of(record[17]),
                record[19] & 0xff,
                MapLayout.address(Arrays.copyOfRange(record, 24, 40)),
                in.getShort(20) & 0xFFFF,
                MapLayout.address(Arrays.copyOfRange(record, 40, 56)),
                in.getShort(22) & 0xFFFF,
                counter,
                counterNames.apply(counter));
    }
}
