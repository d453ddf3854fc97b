package org.pcisegment.core.net;

import java.util.Optional;

/**
 * An address block "network/length". {@link #address()} is what was written; {@link #network()}
 * has the host bits cleared, which is what the block covers.
 */
public record Cidr(IpAddress address, int prefixLength) implements Comparable<Cidr> {

    public Cidr {
        if (prefixLength < 0 || prefixLength > address.family().bits()) {
            throw new IllegalArgumentException("prefix length out of range: " + prefixLength);
        }
    }

    /** The outcome of parsing: a block, or why the text is not one. */
    public sealed interface Parsed permits Valid, Invalid {}

    public record Valid(Cidr cidr) implements Parsed {}

    public record Invalid(String reason) implements Parsed {}

    /**
     * Parses "a.b.c.d/n" or "x::/n". A bare address is accepted only when {@code allowBareAddress}
     * (inventories list hosts; Kubernetes ipBlocks need the length).
     */
    public static Parsed parse(String text, boolean allowBareAddress) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        if (slash < 0) {
            if (!allowBareAddress) {
                return new Invalid("'" + text + "' is not a CIDR block; expected address/length");
            }
            return IpAddress.parse(trimmed)
                    .<Parsed>map(a -> new Valid(new Cidr(a, a.family().bits())))
                    .orElseGet(() -> new Invalid("'" + text + "' is not an IPv4 or IPv6 address"));
        }
        String lengthText = trimmed.substring(slash + 1);
        if (lengthText.isEmpty() || !asciiDigits(lengthText)) {
            return new Invalid("'" + text + "' has no valid prefix length after '/'");
        }
        String addressText = trimmed.substring(0, slash);
        // No blank before the '/': Kubernetes (Go's ParseCIDR) refuses "10.0.0.0 /8" too.
        Optional<IpAddress> address =
                addressText.equals(addressText.strip()) ? IpAddress.parse(addressText) : Optional.empty();
        if (address.isEmpty()) {
            return new Invalid("'" + text + "' does not start with an IPv4 or IPv6 address");
        }
        int bits = address.get().family().bits();
        if (lengthText.length() > 3 || Integer.parseInt(lengthText) > bits) {
            return new Invalid("'" + text + "' has prefix length /" + lengthText + "; the maximum is /" + bits);
        }
        return new Valid(new Cidr(address.get(), Integer.parseInt(lengthText)));
    }

    private static boolean asciiDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Parses a block that is known to be valid (tests, generated input). */
    public static Cidr of(String text) {
        return switch (parse(text, true)) {
            case Valid v -> v.cidr();
            case Invalid i -> throw new IllegalArgumentException(i.reason());
        };
    }

    public IpFamily family() {
        return address.family();
    }

    /** True when the written address has bits set beyond the prefix (10.0.0.1/24). */
    public boolean hasHostBits() {
        return !address.equals(network());
    }

    public IpAddress network() {
        int hostBits = family().bits() - prefixLength;
        long hi = address.hi();
        long lo = address.lo();
        if (family() == IpFamily.V4) {
            long mask = hostBits == 32 ? 0 : (0xFFFF_FFFFL << hostBits) & 0xFFFF_FFFFL;
            return IpAddress.v4(lo & mask);
        }
        return IpAddress.v6(hi & highMask(prefixLength), lo & lowMask(prefixLength));
    }

    public IpAddress last() {
        IpAddress network = network();
        int hostBits = family().bits() - prefixLength;
        if (family() == IpFamily.V4) {
            long span = hostBits == 32 ? 0xFFFF_FFFFL : (1L << hostBits) - 1;
            return IpAddress.v4(network.lo() | span);
        }
        return IpAddress.v6(network.hi() | ~highMask(prefixLength), network.lo() | ~lowMask(prefixLength));
    }

    /** Mask of the high 64 bits for an IPv6 prefix length. */
    static long highMask(int prefixLength) {
        if (prefixLength >= 64) {
            return -1L;
        }
        return prefixLength == 0 ? 0 : -1L << (64 - prefixLength);
    }

    static long lowMask(int prefixLength) {
        if (prefixLength <= 64) {
            return 0;
        }
        return prefixLength == 128 ? -1L : -1L << (128 - prefixLength);
    }

    public boolean contains(IpAddress ip) {
        return ip.family() == family() && network().compareTo(ip) <= 0 && ip.compareTo(last()) <= 0;
    }

    public boolean contains(Cidr other) {
        return other.family() == family() && prefixLength <= other.prefixLength && contains(other.network());
    }

    /** The block as written in canonical form, with host bits cleared. */
    public String canonical() {
        return network() + "/" + prefixLength;
    }

    @Override
    public int compareTo(Cidr other) {
        int byNetwork = network().compareTo(other.network());
        return byNetwork != 0 ? byNetwork : Integer.compare(prefixLength, other.prefixLength);
    }

    @Override
    public String toString() {
        return address + "/" + prefixLength;
    }
}
