package org.pcisegment.core.net;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * One IPv4 or IPv6 address as an unsigned 128-bit value (IPv4 uses the low 32 bits). Parsing never
 * touches DNS.
 */
public record IpAddress(IpFamily family, long hi, long lo) implements Comparable<IpAddress> {

    public IpAddress {
        if (family == IpFamily.V4 && (hi != 0 || (lo >>> 32) != 0)) {
            throw new IllegalArgumentException("IPv4 value out of range");
        }
    }

    public static IpAddress v4(long value) {
        return new IpAddress(IpFamily.V4, 0, value & 0xFFFF_FFFFL);
    }

    public static IpAddress v6(long hi, long lo) {
        return new IpAddress(IpFamily.V6, hi, lo);
    }

    /** Parses a literal address ("10.0.0.1", "2001:db8::1"); empty when it is not one. */
    public static Optional<IpAddress> parse(String text) {
        if (text.indexOf('/') >= 0) {
            return Optional.empty();
        }
        String stripped = text.strip();
        long dottedQuad = plainDottedQuad(stripped);
        if (dottedQuad >= 0) {
            return Optional.of(v4(dottedQuad));
        }
        return Optional.ofNullable(Ipv6Text.parse(stripped));
    }

    /**
     * The value of a plain dotted quad ("10.0.0.1": four decimal octets of at most 255, no leading
     * zeros), or -1 for any other text.
     */
    static long plainDottedQuad(String text) {
        int length = text.length();
        if (length < 7 || length > 15) {
            return -1;
        }
        long value = 0;
        int octets = 0;
        int i = 0;
        while (true) {
            int start = i;
            int octet = 0;
            while (i < length && i - start < 3) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                octet = octet * 10 + (c - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || octet > 255 || (digits > 1 && text.charAt(start) == '0')) {
                return -1;
            }
            value = (value << 8) | octet;
            octets++;
            if (i == length) {
                return octets == 4 ? value : -1;
            }
            if (octets == 4 || text.charAt(i) != '.') {
                return -1;
            }
            i++;
        }
    }

    /** Parses a literal address or fails with the parser's reason. */
    public static IpAddress parseOrThrow(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not an IP address: '" + text + "'"));
    }

    public byte[] toBytes() {
        if (family == IpFamily.V4) {
            return new byte[] {(byte) (lo >>> 24), (byte) (lo >>> 16), (byte) (lo >>> 8), (byte) lo};
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (hi >>> (56 - 8 * i));
            bytes[i + 8] = (byte) (lo >>> (56 - 8 * i));
        }
        return bytes;
    }

    public InetAddress toInetAddress() {
        try {
            return family == IpFamily.V4
                    ? InetAddress.getByAddress(toBytes())
                    : Inet6Address.getByAddress(null, toBytes(), -1);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    public BigInteger toBigInteger() {
        return new BigInteger(1, toBytes());
    }

    @Override
    public int compareTo(IpAddress other) {
        int byFamily = family.compareTo(other.family);
        return byFamily != 0 ? byFamily : U128Ranges.compare(hi, lo, other.hi, other.lo);
    }

    // Written out rather than generated: a record's generated equals and hashCode are bound at
    // their first call by a bootstrap method that the AOT cache does not keep, ~9 ms of every run.
    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress other && family == other.family && hi == other.hi && lo == other.lo;
    }

    @Override
    public int hashCode() {
        return (family.hashCode() * 31 + Long.hashCode(hi)) * 31 + Long.hashCode(lo);
    }

    /** Canonical text: dotted quad, or RFC 5952 compressed IPv6. */
    @Override
    public String toString() {
        if (family == IpFamily.V4) {
            return (lo >>> 24) + "." + ((lo >>> 16) & 0xFF) + "." + ((lo >>> 8) & 0xFF) + "." + (lo & 0xFF);
        }
        return IpFormat.ipv6(hi, lo);
    }
}
