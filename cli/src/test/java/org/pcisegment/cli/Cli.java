package org.pcisegment.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process, as {@code pci-segment ARGS} would, capturing both streams. */
record Cli(int exitCode, String out, String err) {

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli(code, out.toString(), err.toString());
    }

    /** Signs that a stack trace or an internal error reached the user. */
    boolean showsAStackTrace() {
        String all = out + err;
        return all.contains("\tat ")
                || all.contains("Exception")
                || all.contains("internal error")
                || all.contains("Caused by:");
    }

    /** The output with this build's version replaced, so golden files survive a release. */
    String outWithoutVersion() {
        return out.replace(Version.get(), "${VERSION}");
    }
}
