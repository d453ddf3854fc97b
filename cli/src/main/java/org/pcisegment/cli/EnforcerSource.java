package org.pcisegment.cli;

import java.util.List;
import org.pcisegment.enforce.Backends;
import org.pcisegment.enforce.Enforcer;

/** Where the enforcement commands get a backend by name; tests hand in one with a fault. */
@FunctionalInterface
interface EnforcerSource {
    EnforcerSource DEFAULT = new EnforcerSource() {
        @Override
        public Enforcer open(String backend) {
            return Backends.create(backend);
        }

        @Override
        public Enforcer open(String backend, List<String> interfaces) {
            return Backends.create(backend, interfaces);
        }
    };

    Enforcer open(String backend);

    /** The backend enforcing on these interfaces ({@code --interface}; empty: the backend's default). */
    default Enforcer open(String backend, List<String> interfaces) {
        if (!interfaces.isEmpty()) {
            throw new IllegalArgumentException("this enforcer source does not choose interfaces");
        }
        return open(backend);
    }
}
