package org.pcisegment.enforce.ebpf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.IpFamily;
import org.pcisegment.core.net.PortRange;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.policy.Direction;

/**
 * The byte layout of every map key and value, mirroring {@code src/main/bpf/pci_segment.h}
 * (change both together; {@code MapLayoutTest} checks the sizes against the kernel's view of the
 * loaded maps). Integers are in host byte order except the port of a port key, which is big-endian
 * so that a prefix of its bits is a port range.
 */
final class MapLayout {
    private MapLayout() {}

    static final ByteOrder HOST = ByteOrder.nativeOrder();

    // map names, as in the object file and under the pin directory
    static final String SUBJECTS = "subjects";
    static final String PEERS = "peers";
    static final String PORTS = "ports";
    static final String COUNTERS = "counters";
    static final String RULE_INFO = "rule_info";
    static final String CONNS = "conns";
    static final String CONFIG = "config";
    static final String EVENT_BUCKET = "event_bucket";
    static final String EVENTS = "events";
    static final List<String> MAPS =
            List.of(SUBJECTS, PEERS, PORTS, COUNTERS, RULE_INFO, CONNS, CONFIG, EVENT_BUCKET, EVENTS);

    static final String INGRESS_PROGRAM = "pci_segment_ingress";
    static final String EGRESS_PROGRAM = "pci_segment_egress";

    static final int ADDR_KEY_SIZE = 20;
    static final int SUBJECT_SIZE = 20;
    static final int PEER_KEY_SIZE = 28;
    static final int PORT_KEY_SIZE = 12;
    static final int U32_SIZE = 4;
    static final int COUNTER_SIZE = 16;
    static final int RULE_TEXT = 200;
    static final int RULE_INFO_SIZE = 4 + RULE_TEXT;
    static final int CONN_KEY_SIZE = 40;
    static final int CONN_VALUE_SIZE = 16;
    static final int CONFIG_SIZE = 6 * 8 + 32 + 8 + 32;
    static final int EVENT_SIZE = 56;

    static final int RESTRICT_INGRESS = 1;
    static final int RESTRICT_EGRESS = 2;
    static final int MANAGEMENT_RULE_SET = 0;

    /**
     * Counter ids below this are the fixed reasons of pci_segment.h, one block per TC hook
     * (ingress first, then egress, {@link #HOOK_STRIDE} apart); the rest are handed out.
     */
    static final int FIRST_DYNAMIC_COUNTER = 32;

    static final int HOOK_STRIDE = 16;

    static final int CONN_LOW_INITIATED = 1;
    static final int CONN_SEEDED = 2;

    /** The name of a fixed counter id (either hook's block). */
    static String fixedCounterName(int id) {
        int reason = id % HOOK_STRIDE;
        String name = reason < FIXED_COUNTERS.size() ? FIXED_COUNTERS.get(reason) : "reserved counter " + reason;
        return name + (id >= HOOK_STRIDE ? " (outbound)" : " (inbound)");
    }

    /** The fixed counters, by id within a hook's block (pci_segment.h PCI_CNT_*). */
    static final List<String> FIXED_COUNTERS = List.of(
            "passed: packet of a tracked connection",
            "passed: no restricted end",
            "passed: ARP and other non-IP frames",
            "passed: IPv6 neighbour discovery and MLD",
            "passed: ICMP error about a tracked connection",
            "dropped: non-first fragment to or from a restricted end",
            "dropped: unparsable packet to or from a restricted end",
            "dropped: IP header too short to read the addresses",
            "deny events suppressed by the rate limit",
            "deny events lost: ring buffer full",
            "passed: unparsable packet, no restricted end");

    /** rule_info.kind */
    enum CounterKind {
        RULE(1),
        DEFAULT_DENY(2),
        MANAGEMENT(3);

        final int code;

        CounterKind(int code) {
            this.code = code;
        }

        static CounterKind of(int code) {
            for (CounterKind kind : values()) {
                if (kind.code == code) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown counter kind " + code);
        }
    }

    static int directionCode(Direction direction) {
        return direction == Direction.INGRESS ? 0 : 1;
    }

    static Direction direction(int code) {
        return code == 0 ? Direction.INGRESS : Direction.EGRESS;
    }

    /** An address as the 16 bytes the maps use: IPv6 as is, IPv4 as {@code ::ffff:a.b.c.d}. */
    static byte[] address16(IpAddress address) {
        byte[] raw = address.toBytes();
        if (address.family() == IpFamily.V6) {
            return raw;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(raw, 0, mapped, 12, 4);
        return mapped;
    }

    /** The inverse of {@link #address16}. */
    static IpAddress address(byte[] sixteen) {
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            mapped &= sixteen[i] == 0;
        }
        mapped &= sixteen[10] == (byte) 0xff && sixteen[11] == (byte) 0xff;
        ByteBuffer in = ByteBuffer.wrap(sixteen).order(ByteOrder.BIG_ENDIAN);
        if (mapped) {
            return IpAddress.v4(in.getInt(12) & 0xFFFF_FFFFL);
        }
        return IpAddress.v6(in.getLong(0), in.getLong(8));
    }

    /** Prefix length in the 128-bit space of the maps. */
    static int prefixBits(Cidr cidr) {
        return cidr.family() == IpFamily.V4 ? 96 + cidr.prefixLength() : cidr.prefixLength();
    }

    static Cidr cidr(byte[] sixteen, int bits) {
        IpAddress address = address(sixteen);
        return new Cidr(address, address.family() == IpFamily.V4 ? bits - 96 : bits);
    }

    static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(HOST);
    }

    // struct pci_addr_key { u32 prefixlen; u8 addr[16]; }
    static byte[] addressKey(Cidr cidr) {
        return buffer(ADDR_KEY_SIZE)
                .putInt(prefixBits(cidr))
                .put(address16(cidr.network()))
                .array();
    }

    static Cidr addressKeyCidr(byte[] key) {
        ByteBuffer in = ByteBuffer.wrap(key).order(HOST);
        return cidr(Arrays.copyOfRange(key, 4, 20), in.getInt(0));
    }

    // struct pci_subject { u32 flags; u32 rule_set[2]; u32 deny_counter[2]; }
    record Subject(int flags, int ingressRuleSet, int egressRuleSet, int ingressDenyCounter, int egressDenyCounter) {
        byte[] encode() {
            return buffer(SUBJECT_SIZE)
                    .putInt(flags)
                    .putInt(ingressRuleSet)
                    .putInt(egressRuleSet)
                    .putInt(ingressDenyCounter)
                    .putInt(egressDenyCounter)
                    .array();
        }

        int ruleSet(Direction direction) {
            return direction == Direction.INGRESS ? ingressRuleSet : egressRuleSet;
        }

        boolean restricts(Direction direction) {
            return (flags & (direction == Direction.INGRESS ? RESTRICT_INGRESS : RESTRICT_EGRESS)) != 0;
        }

        static Subject decode(byte[] value) {
            ByteBuffer in = ByteBuffer.wrap(value).order(HOST);
            return new Subject(in.getInt(0), in.getInt(4), in.getInt(8), in.getInt(12), in.getInt(16));
        }
    }

    // struct pci_peer_key { u32 prefixlen; u32 rule_set; u8 direction; u8 protocol; u16 pad; u8 addr[16]; }
    record PeerKey(int ruleSet, Direction direction, Protocol protocol, Cidr peer) {
        byte[] encode() {
            return buffer(PEER_KEY_SIZE)
                    .putInt(64 + prefixBits(peer))
                    .putInt(ruleSet)
                    .put((byte) directionCode(direction))
                    .put((byte) protocol.number())
                    .putShort((short) 0)
                    .put(address16(peer.network()))
                    .array();
        }

        static PeerKey decode(byte[] key) {
            ByteBuffer in = ByteBuffer.wrap(key).order(HOST);
            int protocolNumber = key[9] & 0xff;
            Protocol protocol = Arrays.stream(Protocol.values())
                    .filter(p -> p.number() == protocolNumber)
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown protocol " + protocolNumber));
            return new PeerKey(
                    in.getInt(4),
                    MapLayout.direction(key[8]),
                    protocol,
                    cidr(Arrays.copyOfRange(key, 12, 28), in.getInt(0) - 64));
        }
    }

    // struct pci_port_key { u32 prefixlen; u32 table; u16 port (big-endian); u16 pad; }
    record PortKey(int table, int port, int bits) {
        byte[] encode() {
            ByteBuffer out = buffer(PORT_KEY_SIZE).putInt(32 + bits).putInt(table);
            out.order(ByteOrder.BIG_ENDIAN).putShort((short) port).putShort((short) 0);
            return out.array();
        }

        static PortKey decode(byte[] key) {
            ByteBuffer in = ByteBuffer.wrap(key).order(HOST);
            int bits = in.getInt(0) - 32;
            int table = in.getInt(4);
            int port = ByteBuffer.wrap(key).order(ByteOrder.BIG_ENDIAN).getShort(8) & 0xFFFF;
            return new PortKey(table, port, bits);
        }
    }

    /** The minimal cover of a port range by prefixes of the 16-bit port space, ascending. */
    static List<PortKey> portPrefixes(int table, PortRange range) {
        List<PortKey> out = new java.util.ArrayList<>();
        int port = range.first();
        int last = range.last();
        while (port <= last) {
            int size = port == 0 ? 16 : Integer.numberOfTrailingZeros(port);
            while ((port + (1 << size) - 1) > last) {
                size--;
            }
            out.add(new PortKey(table, port, 16 - size));
            port += 1 << size;
        }
        return out;
    }

    static byte[] u32(int value) {
        return buffer(U32_SIZE).putInt(value).array();
    }

    static int u32(byte[] value) {
        return ByteBuffer.wrap(value).order(HOST).getInt(0);
    }

    // struct pci_rule_info { u32 kind; u8 text[200]; }
    record RuleInfo(CounterKind kind, String text) {
        byte[] encode() {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            ByteBuffer out = buffer(RULE_INFO_SIZE).putInt(kind.code);
            out.put(utf8, 0, Math.min(utf8.length, RULE_TEXT - 1));
            return out.array();
        }

        static RuleInfo decode(byte[] value) {
            int kind = ByteBuffer.wrap(value).order(HOST).getInt(0);
            return new RuleInfo(CounterKind.of(kind), cString(Arrays.copyOfRange(value, 4, value.length)));
        }
    }

    /** A NUL-terminated (or NUL-padded) UTF-8 string. */
    static String cString(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    /** Text that fits rule_info: cut at a character boundary, with an ellipsis when cut. */
    static String fitRuleText(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= RULE_TEXT - 1) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > RULE_TEXT - 1 - 3) {
                break;
            }
            out.appendCodePoint(codePoint);
            bytes += size;
            i += Character.charCount(codePoint);
        }
        return out.append('…').toString();
    }

    // struct pci_conn_key { u8 low_addr[16]; u8 high_addr[16]; u16 low_port; u16 high_port; u8 protocol; u8 pad[3]; }
    record ConnKey(IpAddress low, IpAddress high, int lowPort, int highPort, int protocol) {
        byte[] encode() {
            return buffer(CONN_KEY_SIZE)
                    .put(address16(low))
                    .put(address16(high))
                    .putShort((short) lowPort)
                    .putShort((short) highPort)
                    .put((byte) protocol)
                    .put(new byte[3])
                    .array();
        }

        static ConnKey decode(byte[] key) {
            ByteBuffer in = ByteBuffer.wrap(key).order(HOST);
            return new ConnKey(
                    address(Arrays.copyOfRange(key, 0, 16)),
                    address(Arrays.copyOfRange(key, 16, 32)),
                    in.getShort(32) & 0xFFFF,
                    in.getShort(34) & 0xFFFF,
                    key[36] & 0xff);
        }

        /** The key of a connection given from its initiator's side; low first as the program does. */
        static ConnKey of(IpAddress source, int sourcePort, IpAddress destination, int destinationPort, int protocol) {
            return sourceIsLow(source, sourcePort, destination, destinationPort)
                    ? new ConnKey(source, destination, sourcePort, destinationPort, protocol)
                    : new ConnKey(destination, source, destinationPort, sourcePort, protocol);
        }

        static boolean sourceIsLow(IpAddress source, int sourcePort, IpAddress destination, int destinationPort) {
            int byAddress = Arrays.compareUnsigned(address16(source), address16(destination));
            return byAddress < 0 || (byAddress == 0 && sourcePort <= destinationPort);
        }
    }

    // struct pci_conn_value { u64 last_seen_ns; u32 flags; u32 pad; }
    record ConnValue(long lastSeenNanos, int flags) {
        byte[] encode() {
            return buffer(CONN_VALUE_SIZE)
                    .putLong(lastSeenNanos)
                    .putInt(flags)
                    .putInt(0)
                    .array();
        }

        static ConnValue decode(byte[] value) {
            ByteBuffer in = ByteBuffer.wrap(value).order(HOST);
            return new ConnValue(in.getLong(0), in.getInt(8));
        }
    }

    // struct pci_config { u64 tcp_timeout_ns, tcp_closing_timeout_ns, other_timeout_ns,
    //   event_interval_ns, event_burst_ns, generation; u8 policy_sha256[32]; }
    record Config(
            long tcpTimeoutNanos,
            long tcpClosingTimeoutNanos,
            long otherTimeoutNanos,
            long eventIntervalNanos,
            long eventBurstNanos,
            long generation,
            byte[] policySha256,
            long appliedAtSeconds,
            String toolVersion) {

        Config {
            if (policySha256.length != 32) {
                throw new IllegalArgumentException("policy hash must be 32 bytes");
            }
            policySha256 = policySha256.clone();
            if (toolVersion.getBytes(StandardCharsets.UTF_8).length > 31) {
                throw new IllegalArgumentException("tool version longer than 31 bytes: " + toolVersion);
            }
        }

        byte[] encode() {
            return buffer(CONFIG_SIZE)
                    .putLong(tcpTimeoutNanos)
                    .putLong(tcpClosingTimeoutNanos)
                    .putLong(otherTimeoutNanos)
                    .putLong(eventIntervalNanos)
                    .putLong(eventBurstNanos)
                    .putLong(generation)
                    .put(policySha256)
                    .putLong(appliedAtSeconds)
                    .put(Arrays.copyOf(toolVersion.getBytes(StandardCharsets.UTF_8), 32))
                    .array();
        }

        static Config decode(byte[] value) {
            ByteBuffer in = ByteBuffer.wrap(value).order(HOST);
            return new Config(
                    in.getLong(0),
                    in.getLong(8),
                    in.getLong(16),
                    in.getLong(24),
                    in.getLong(32),
                    in.getLong(40),
                    Arrays.copyOfRange(value, 48, 80),
                    in.getLong(80),
                    cString(Arrays.copyOfRange(value, 88, 120)));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Config c
                    && tcpTimeoutNanos == c.tcpTimeoutNanos
                    && tcpClosingTimeoutNanos == c.tcpClosingTimeoutNanos
                    && otherTimeoutNanos == c.otherTimeoutNanos
                    && eventIntervalNanos == c.eventIntervalNanos
                    && eventBurstNanos == c.eventBurstNanos
                    && generation == c.generation
                    && Arrays.equals(policySha256, c.policySha256)
                    && appliedAtSeconds == c.appliedAtSeconds
                    && toolVersion.equals(c.toolVersion);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(generation) * 31 + Arrays.hashCode(policySha256);
        }

        @Override
        public String toString() {
            return "Config[generation=" + generation + ", policy="
                    + java.util.HexFormat.of().formatHex(policySha256) + "]";
        }

        @Override
        public byte[] policySha256() {
            return policySha256.clone();
        }
    }
}
