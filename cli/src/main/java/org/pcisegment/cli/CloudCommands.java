package org.pcisegment.cli;

import java.io.PrintWriter;
import org.pcisegment.cloud.Applier;

/** Shared reporting of cloud failures: one located sentence, exit code 3, no stack trace. */
final class CloudCommands {
    private CloudCommands() {}

    static int failed(PrintWriter err, String what, RuntimeException e) {
        err.println("error: " + what + ": " + Applier.firstLine(e));
        if (System.getenv("PCI_SEGMENT_DEBUG") != null) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCode.OPERATION;
    }
}
