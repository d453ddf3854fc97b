package org.pcisegment.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * SIGINT and SIGTERM as a stop request for a command that runs in the foreground until told to
 * stop ({@code enforce --follow}): the signal only sets a flag, so the command finishes what it is
 * doing (flushes the audit log), reports, and exits with its own code instead of the JVM's
 * 130/143. A shutdown hook could not choose the exit code.
 */
final class StopSignals {
    private StopSignals() {}

    /** A flag that turns true at the first SIGINT or SIGTERM from now on. */
    static AtomicBoolean install() {
        AtomicBoolean stop = new AtomicBoolean();
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> stop.set(true));
        }
        return stop;
    }
}
