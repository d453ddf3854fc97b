package org.pcisegment.enforce.testing;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool of platform threads that all live in one network namespace: each joins it before running
 * anything, and none ever leaves the pool. Code submitted here opens its sockets (and its
 * libnftables context) inside the namespace.
 */
public final class NamespaceExecutor implements AutoCloseable {
    private final String namespace;
    private final ExecutorService pool;

    NamespaceExecutor(String namespace, int threads) {
        this.namespace = namespace;
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(
                    () -> {
                        Namespaces.enter(namespace);
                        task.run();
                    },
                    namespace + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public String namespace() {
        return namespace;
    }

    /** Starts {@code task} on a thread of the namespace. */
    public <T> Future<T> submit(Callable<T> task) {
        return pool.submit(task);
    }

    /** Runs {@code task} in the namespace and waits for its result; its exception is rethrown as is. */
    public <T> T call(Callable<T> task) {
        try {
            return pool.submit(task).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
