package org.pcisegment.cloud;

/**
 * A cloud call failed after the SDK's retries (or the audit trail could not be written): the step
 * was not applied. The CLI reports it with exit code 3.
 */
public final class CloudOperationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CloudOperationException(String message) {
        super(message);
    }

    public CloudOperationException(String message, Throwable cause) {
        super(message, cause);
    }
}
