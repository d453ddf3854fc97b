package org.pcisegment.enforce.ebpf;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A libbpf or kernel call failed: which operation, on what, the errno and its text, and, when the
 * verifier refused the program, the verifier's log.
 */
public final class BpfException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int errno;
    private final @Nullable String verifierLog;

    public BpfException(String message, int errno, @Nullable String verifierLog) {
        super(message);
        this.errno = errno;
        this.verifierLog = verifierLog;
    }

    public BpfException(String message, int errno) {
        this(message, errno, null);
    }

    /** The positive errno of the failed call; 0 when the failure was not a system call's. */
    public int errno() {
        return errno;
    }

    /** What libbpf and the verifier printed while loading, when loading failed. */
    public Optional<String> verifierLog() {
        return Optional.ofNullable(verifierLog);
    }
}
