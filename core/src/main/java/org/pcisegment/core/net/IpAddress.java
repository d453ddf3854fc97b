package org.pcisegment.core.net;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.AddressStringParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.IncompatibleAddressException;
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

    static final IPAddressStringParameters STRICT = new IPAddressStringParameters.Builder()
            .allowEmpty(false)
            .allowAll(false)
            .allowSingleSegment(false)
            .allowMask(false)
            .allowPrefixOnly(false)
            .allowWildcardedSeparator(false)
            .setRangeOptions(AddressStringParameters.RangeParameters.NO_RANGE)
            .allow_inet_aton(false)
            .getIPv4AddressParametersBuilder()
            .allowLeadingZeros(false)
            .allowPrefixLengthLeadingZeros(false)
            .getParentBuilder()
            .getIPv6AddressParametersBuilder()
            .allowZone(false)
            .allowBinary(false)
            .allowBase85(false)
            .getParentBuilder()
            .toParams();

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
        return parseWithLibrary(stripped);
    }

    /** The general parser: every IPv6 form and every text that is not a plain dotted quad. */
    static Optional<IpAddress> parseWithLibrary(String stripped) {
        try {
            IPAddress address = new IPAddressString(stripped, STRICT).toAddress();
            return Optional.of(fromBytes(address.getBytes()));
        } catch (AddressStringException | IncompatibleAddressException e) {
            return Optional.empty();
        }
    }

    /**
     * The value of a plain dotted quad ("10.0.0.1": four decimal octets of at most 255, no leading
     * zeros), or -1 for any other text, which the ipaddress library then judges. Policy sets are
     * mostly such addresses, and the library's general parser costs far more per address.
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

    static IpAddress fromBytes(byte[] bytes) {
        if (bytes.length == 4) {
            long value = 0;
            for (byte b : bytes) {
                value = (value << 8) | (b & 0xFF);
            }
            return v4(value);
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (bytes[i] & 0xFF);
            lo = (lo << 8) | (bytes[i + 8] & 0xFF);
        }
        return v6(hi, lo);
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

    /** Canonical text: dotted quad, or RFC 5952 compressed IPv6. */
    @Override
    public String toString() {
        if (family == IpFamily.V4) {
            return (lo >>> 24) + "." + ((lo >>> 16) & 0xFF) + "." + ((lo >>> 8) & 0xFF) + "." + (lo & 0xFF);
        }
        return IpFormat.ipv6(hi, lo);
    }
}
