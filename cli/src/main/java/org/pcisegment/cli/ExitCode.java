package org.pcisegment.cli;

/** The documented exit codes of every command. */
public final class ExitCode {
    /** Success: valid, compliant, applied. */
    public static final int OK = 0;

    /** Policy findings of error severity, non-compliance, or a change that needs approval. */
    public static final int FINDINGS = 1;

    /** Usage or input error: bad flag, unreadable file, malformed YAML. */
    public static final int INPUT = 2;

    /** An enforcement or cloud operation failed (and was rolled back). */
    public static final int OPERATION = 3;

    /** A defect in pci-segment itself; the message asks for a report. */
    public static final int INTERNAL = 4;

    private ExitCode() {}
}
