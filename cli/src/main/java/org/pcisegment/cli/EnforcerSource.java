package org.pcisegment.cli;

import org.pcisegment.enforce.Backends;
import org.pcisegment.enforce.Enforcer;

/** Where the enforcement commands get a backend by name; tests hand in one with a fault. */
@FunctionalInterface
interface EnforcerSource {
    EnforcerSource DEFAULT = Backends::create;

    Enforcer open(String backend);
}
