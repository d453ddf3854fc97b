package org.pcisegment.enforce.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.IpFamily;

/**
 * One host of a {@link TestNetwork}: its namespace, its addresses, and threads that live in its
 * namespace for probes, servers and enforcement.
 */
public final class Host implements AutoCloseable {
    private static final int THREADS = 24;

    private final String role;
    private final String namespace;
    private final List<IpAddress> addresses;
    private final NamespaceExecutor executor;
    private final List<EchoServer> servers = new ArrayList<>();

    Host(String role, String namespace, List<IpAddress> addresses) {
        this.role = role;
        this.namespace = namespace;
        this.addresses = List.copyOf(addresses);
        this.executor = new NamespaceExecutor(namespace, THREADS);
    }

    public String role() {
        return role;
    }

    /** The namespace name, for {@code ip netns exec} / {@code nft} calls from outside. */
    public String namespace() {
        return namespace;
    }

    public List<IpAddress> addresses() {
        return addresses;
    }

    public IpAddress address(IpFamily family) {
        return addresses.stream()
                .filter(a -> a.family() == family)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(role + " has no " + family + " address"));
    }

    /** Runs {@code task} inside this host's namespace and waits for it. */
    public <T> T call(Callable<T> task) {
        return executor.call(task);
    }

    public <T> Future<T> submit(Callable<T> task) {
        return executor.submit(task);
    }

    /** Starts TCP and UDP echo servers on these ports (both families) inside this host. */
    public EchoServer serve(List<Integer> ports) {
        EchoServer server = executor.call(() -> EchoServer.start(namespace, ports));
        servers.add(server);
        return server;
    }

    @Override
    public void close() {
        servers.forEach(EchoServer::close);
        executor.close();
    }

    @Override
    public String toString() {
        return role;
    }
}
