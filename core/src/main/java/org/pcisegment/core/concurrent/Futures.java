package org.pcisegment.core.concurrent;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waits for work run on another thread and makes its failure the caller's own. */
public final class Futures {
    private Futures() {}

    /**
     * The task's result. An unchecked exception or error of the task is rethrown as it is (an input
     * error stays an input error); a checked one, or an interrupt, becomes an
     * {@link IllegalStateException} naming {@code what} ("hashing the rule set").
     */
    public static <T> T join(Future<T> task, String what) {
        try {
            return task.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(what + " failed", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        }
    }
}
