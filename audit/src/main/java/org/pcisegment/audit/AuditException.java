package org.pcisegment.audit;

/**
 * The audit trail could not be written or read (disk full, permissions, a second writer). The
 * action being audited must be treated as failed; the CLI reports it as an operation failure.
 */
public final class AuditException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AuditException(String message) {
        super(message);
    }

    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }
}
