package org.pcisegment.enforce;

/**
 * Enforcement could not be installed, verified or removed. {@link #previousStateKept()} says
 * whether the state from before the attempt is in force (the transaction was refused, or it was
 * rolled back); the CLI reports both cases with exit code 3 and says which.
 */
public final class EnforcementException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean previousStateKept;

    public EnforcementException(String message, boolean previousStateKept) {
        super(message);
        this.previousStateKept = previousStateKept;
    }

    public EnforcementException(String message, boolean previousStateKept, Throwable cause) {
        super(message, cause);
        this.previousStateKept = previousStateKept;
    }

    public boolean previousStateKept() {
        return previousStateKept;
    }
}
