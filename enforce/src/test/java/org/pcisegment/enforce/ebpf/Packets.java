package org.pcisegment.enforce.ebpf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.IpFamily;

/**
 * Hand-built Ethernet frames for test runs of the data plane: IPv4 and IPv6 with TCP, UDP, SCTP
 * and ICMP, VLAN tags, IPv6 extension header chains, fragments, and deliberately broken headers.
 * Checksums are left zero: TC programs see packets before any checksum is verified.
 */
final class Packets {
    private Packets() {}

    static final int TCP = 6;
    static final int UDP = 17;
    static final int SCTP = 132;
    static final int ICMP = 1;
    static final int ICMPV6 = 58;
    static final int HOP_BY_HOP = 0;
    static final int ROUTING = 43;
    static final int FRAGMENT = 44;
    static final int DESTINATION_OPTIONS = 60;
    static final int NO_NEXT_HEADER = 59;

    static final int TCP_SYN = 0x02;

    /** Ethernet header with the given EtherType, after {@code vlanTags} 802.1Q tags. */
    static byte[] ethernet(int etherType, int vlanTags) {
        ByteBuffer out = ByteBuffer.allocate(14 + 4 * vlanTags);
        out.put(new byte[] {2, 0, 0, 0, 0, 2}).put(new byte[] {2, 0, 0, 0, 0, 1});
        for (int i = 0; i < vlanTags; i++) {
            out.putShort((short) 0x8100).putShort((short) (100 + i));
        }
        out.putShort((short) etherType);
        return out.array();
    }

    static byte[] ethernet(int etherType) {
        return ethernet(etherType, 0);
    }

    /** TCP header (20 bytes) with the given flags. */
    static byte[] tcp(int sourcePort, int destinationPort, int flags) {
        ByteBuffer out = ByteBuffer.allocate(20);
        out.putShort((short) sourcePort)
                .putShort((short) destinationPort)
                .putInt(1)
                .putInt(0);
        out.put((byte) 0x50).put((byte) flags).putShort((short) 65535).putInt(0);
        return out.array();
    }

    /** UDP or SCTP common header: ports first, then 4 (UDP) or 8 (SCTP) more bytes. */
    static byte[] ports(int protocol, int sourcePort, int destinationPort) {
        ByteBuffer out = ByteBuffer.allocate(protocol == SCTP ? 12 : 8);
        out.putShort((short) sourcePort).putShort((short) destinationPort);
        if (protocol == UDP) {
            out.putShort((short) 8).putShort((short) 0);
        }
        return out.array();
    }

    static byte[] transport(int protocol, int sourcePort, int destinationPort) {
        return protocol == TCP
                ? tcp(sourcePort, destinationPort, TCP_SYN)
                : ports(protocol, sourcePort, destinationPort);
    }

    /** IPv4 header (no options) with flags/fragment offset field {@code fragment}. */
    static byte[] ipv4(IpAddress source, IpAddress destination, int protocol, int payloadLength, int fragment) {
        ByteBuffer out = ByteBuffer.allocate(20);
        out.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payloadLength));
        out.putShort((short) 1).putShort((short) fragment);
        out.put((byte) 64).put((byte) protocol).putShort((short) 0);
        out.put(source.toBytes()).put(destination.toBytes());
        return out.array();
    }

    static byte[] ipv6(IpAddress source, IpAddress destination, int nextHeader, int payloadLength, int hopLimit) {
        ByteBuffer out = ByteBuffer.allocate(40);
        out.putInt(0x6000_0000)
                .putShort((short) payloadLength)
                .put((byte) nextHeader)
                .put((byte) hopLimit);
        out.put(source.toBytes()).put(destination.toBytes());
        return out.array();
    }

    /** A generic IPv6 extension header of {@code units} 8-byte units (hop-by-hop, routing, options). */
    static byte[] extension(int nextHeader, int units) {
        byte[] header = new byte[8 * units];
        header[0] = (byte) nextHeader;
        header[1] = (byte) (units - 1);
        header[2] = 1; // PadN option / routing type: contents are not inspected
        header[3] = (byte) (8 * units - 4);
        return header;
    }

    static byte[] fragmentHeader(int nextHeader, int offsetUnits, boolean more) {
        ByteBuffer out = ByteBuffer.allocate(8);
        out.put((byte) nextHeader)
                .put((byte) 0)
                .putShort((short) ((offsetUnits << 3) | (more ? 1 : 0)))
                .putInt(7);
        return out.array();
    }

    /** A complete frame: Ethernet, IP of the addresses' family, transport with ports. */
    static byte[] frame(IpAddress source, IpAddress destination, int protocol, int sourcePort, int destinationPort) {
        byte[] l4 = transport(protocol, sourcePort, destinationPort);
        if (source.family() == IpFamily.V4) {
            return concat(ethernet(0x0800), ipv4(source, destination, protocol, l4.length, 0), l4);
        }
        return concat(ethernet(0x86DD), ipv6(source, destination, protocol, l4.length, 64), l4);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] truncate(byte[] frame, int length) {
        return Arrays.copyOf(frame, length);
    }
}
