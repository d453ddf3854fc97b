package org.pcisegment.core.ir;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.IpFamily;
import org.pcisegment.core.net.IpRange;
import org.pcisegment.core.net.PortSet;

/**
 * Writes a rule set's canonical text as UTF-8 bytes into a fixed buffer handed to a sink when full.
 * A large rule set has millions of lines: writing addresses and numbers straight into bytes, and
 * each port set's text once (later lines cite its number), keeps the text small (45 MB instead of
 * 190 MB for 10,000 policies) and cheap to hash.
 */
final class CanonicalWriter {
    /** Receives the text in pieces: the first {@code length} bytes of {@code bytes}. */
    interface Sink {
        void write(byte[] bytes, int length);
    }

    private static final int BUFFER_BYTES = 1 << 16;
    /** The longest item written in one piece without a size check: an IPv6 range, with room. */
    private static final int ITEM_BYTES = 128;

    private final Sink sink;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int size;
    // Port sets are numbered in order of first appearance, by value (so the text does not depend
    // on which objects the compiler shared); the same instance comes back again and again, so the
    // identity map answers most lookups without hashing the set.
    private final Map<PortSet, Integer> portIds = new HashMap<>();
    private final Map<PortSet, Integer> portIdsByInstance = new IdentityHashMap<>();

    CanonicalWriter(Sink sink) {
        this.sink = sink;
    }

    CanonicalWriter text(String text) {
        int length = text.length();
        if (length <= ITEM_BYTES) {
            room(length);
            int start = size;
            for (int i = 0; i < length; i++) {
                char c = text.charAt(i);
                if (c >= 0x80) {
                    size = start; // not ASCII: one byte per char does not hold
                    return bytes(text.getBytes(StandardCharsets.UTF_8));
                }
                buffer[size++] = (byte) c;
            }
            return this;
        }
        return bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * "#n" for a port set written before, "#n PORTS" the first time: large rule sets repeat the
     * same long port lists millions of times, and the text is hashed whole.
     */
    CanonicalWriter ports(PortSet ports) {
        Integer id = portIdsByInstance.get(ports);
        boolean first = false;
        if (id == null) {
            id = portIds.get(ports);
            if (id == null) {
                id = portIds.size() + 1;
                portIds.put(ports, id);
                first = true;
            }
            portIdsByInstance.put(ports, id);
        }
        room(ITEM_BYTES);
        buffer[size++] = '#';
        number(id);
        return first ? text(" ").bytes(ports.toString().getBytes(StandardCharsets.US_ASCII)) : this;
    }

    /** "first-last", or the address alone for a range of one. */
    CanonicalWriter range(IpRange range) {
        if (range.family() != IpFamily.V4) {
            return text(range.first().equals(range.last()) ? range.first().toString() : range.toString());
        }
        room(ITEM_BYTES);
        dottedQuad(range.first());
        if (range.last().lo() != range.first().lo()) {
            buffer[size++] = '-';
            dottedQuad(range.last());
        }
        return this;
    }

    CanonicalWriter newline() {
        room(1);
        buffer[size++] = '\n';
        return this;
    }

    /** Hands what is left to the sink. */
    void flush() {
        if (size > 0) {
            sink.write(buffer, size);
            size = 0;
        }
    }

    private CanonicalWriter bytes(byte[] bytes) {
        if (bytes.length > BUFFER_BYTES) {
            flush();
            sink.write(bytes, bytes.length);
            return this;
        }
        room(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
        return this;
    }

    private void room(int bytes) {
        if (size + bytes > BUFFER_BYTES) {
            flush();
        }
    }

    private void dottedQuad(IpAddress address) {
        long value = address.lo();
        for (int shift = 24; shift >= 0; shift -= 8) {
            decimal((int) (value >>> shift) & 0xFF);
            if (shift > 0) {
                buffer[size++] = '.';
            }
        }
    }

    private void number(int value) {
        int start = size;
        do {
            buffer[size++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value > 0);
        for (int i = start, j = size - 1; i < j; i++, j--) {
            byte digit = buffer[i];
            buffer[i] = buffer[j];
            buffer[j] = digit;
        }
    }

    private void decimal(int octet) {
        if (octet >= 100) {
            buffer[size++] = (byte) ('0' + octet / 100);
        }
        if (octet >= 10) {
            buffer[size++] = (byte) ('0' + octet / 10 % 10);
        }
        buffer[size++] = (byte) ('0' + octet % 10);
    }
}
