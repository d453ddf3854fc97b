package org.pcisegment.audit;

import java.util.Locale;
import java.util.Optional;

/**
 * Who caused an event (ECS {@code user.name}): the operating-system user running pci-segment, or
 * the authenticated principal of an API call made to the agent.
 */
public record Principal(String name, Kind kind) {
    /** Where the name comes from. */
    public enum Kind {
        /** The OS account of the process (the {@code user.name} system property). */
        OS,
        /** The principal an API request authenticated as. */
        API;

        private final String ecsName = name().toLowerCase(Locale.ROOT);

        public String ecsName() {
            return ecsName;
        }

        public static Optional<Kind> fromEcs(String value) {
            for (Kind kind : values()) {
                if (kind.ecsName().equals(value)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    public Principal {
        if (name.isBlank()) {
            throw new IllegalArgumentException("a principal needs a name");
        }
    }

    /** The OS user of this process. */
    public static Principal osUser() {
        String name = System.getProperty("user.name", "");
        return new Principal(name.isBlank() ? "unknown" : name, Kind.OS);
    }

    /** The principal of an API call. */
    public static Principal api(String name) {
        return new Principal(name, Kind.API);
    }
}
