package org.pcisegment.core.net;

import org.jspecify.annotations.Nullable;

/**
 * Strict parser of IPv6 address text (RFC 4291 section 2.2): eight groups of one to four hex
 * digits, at most one {@code ::} standing for one or more zero groups, and optionally a plain
 * dotted quad as the last 32 bits. No zone, no brackets, no prefix length, no other notation:
 * anything else is not an address, so that a typo is reported rather than read as something else.
 */
final class Ipv6Text {
    private static final int GROUPS = 8;

    private Ipv6Text() {}

    /** The address written in {@code text}, or null when it is not exactly one IPv6 address. */
    static @Nullable IpAddress parse(String text) {
        int length = text.length();
        if (length < 2 || length > 45) {
            return null;
        }
        int[] groups = new int[GROUPS];
        int count = 0;
        int gap = -1; // index in groups where "::" stands
        int i = 0;
        if (text.startsWith("::")) {
            gap = 0;
            i = 2;
            if (i == length) {
                return IpAddress.v6(0, 0);
            }
        } else if (text.charAt(0) == ':') {
            return null;
        }
        while (true) {
            int start = i;
            int value = 0;
            while (i < length && i - start < 5) {
                int digit = hexDigit(text.charAt(i));
                if (digit < 0) {
                    break;
                }
                value = (value << 4) | digit;
                i++;
            }
            int digits = i - start;
            if (i < length && text.charAt(i) == '.') {
                // The embedded IPv4 address ends the text and fills two groups.
                long quad = IpAddress.plainDottedQuad(text.substring(start));
                if (quad < 0 || count + 2 > GROUPS) {
                    return null;
                }
                groups[count++] = (int) (quad >>> 16);
                groups[count++] = (int) (quad & 0xFFFF);
                break;
            }
            if (digits == 0 || digits > 4 || count == GROUPS) {
                return null;
            }
            groups[count++] = value;
            if (i == length) {
                break;
            }
            if (text.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < length && text.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i++;
                if (i == length) {
                    break;
                }
            } else if (i == length) {
                return null; // a single trailing colon
            }
        }
        if (gap < 0 ? count != GROUPS : count == GROUPS) {
            return null;
        }
        long hi = 0;
        long lo = 0;
        int zeros = GROUPS - count;
        for (int group = 0, written = 0; group < GROUPS; group++) {
            int value = gap >= 0 && group >= gap && group < gap + zeros ? 0 : groups[written++];
            if (group < 4) {
                hi = (hi << 16) | value;
            } else {
                lo = (lo << 16) | value;
            }
        }
        return IpAddress.v6(hi, lo);
    }

    /** ASCII hex digits only: Character.digit would also take other scripts' digits. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        } else if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        } else if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
