package org.pcisegment.core.net;

import java.util.Locale;
import java.util.Optional;

/** The transport protocols a policy can name, as Kubernetes NetworkPolicy does. */
public enum Protocol {
    SCTP(132),
    TCP(6),
    UDP(17);

    private final int number;

    Protocol(int number) {
        this.number = number;
    }

    /** The IANA protocol number (IP header "protocol" / IPv6 "next header"). */
    public int number() {
        return number;
    }

    public String lowerName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Exact match on the upper-case name, as Kubernetes requires. */
    public static Optional<Protocol> parse(String text) {
        for (Protocol protocol : values()) {
            if (protocol.name().equals(text)) {
                return Optional.of(protocol);
            }
        }
        return Optional.empty();
    }

    /** Case-insensitive match, for command-line flags. */
    public static Optional<Protocol> parseLenient(String text) {
        return parse(text.strip().toUpperCase(Locale.ROOT));
    }
}
