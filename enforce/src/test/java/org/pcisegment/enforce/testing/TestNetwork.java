package org.pcisegment.enforce.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.IpFamily;

/**
 * A small network of network namespaces for live-traffic tests: one namespace per host, each with
 * an {@code eth0} joined by a veth pair to a bridge in a switch namespace of its own, IPv4 and
 * IPv6 addresses, and on-link default routes (so hosts of any prefixes reach each other directly).
 * Nothing is created in the root namespace; every name carries a random id, and {@link #close()}
 * deletes every namespace created (call it from {@code @AfterEach}, it is safe after a failure).
 *
 * <p>Needs root and iproute2; tests are skipped (not failed) when not run as root.
 */
public final class TestNetwork implements AutoCloseable {
    private final String id;
    private final String switchNamespace;
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final List<String> namespaces = new ArrayList<>();

    private TestNetwork(String id) {
        this.id = id;
        this.switchNamespace = "pcis-" + id + "-sw";
    }

    /** A new empty network with a bridge; skips the calling test unless it runs as root. */
    public static TestNetwork create() {
        assumeTrue("root".equals(System.getProperty("user.name")), "live-traffic tests need root");
        TestNetwork network =
                new TestNetwork(Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF)));
        try {
            network.addNamespace(network.switchNamespace);
            batch(network.switchNamespace, List.of("link add br0 type bridge", "link set br0 up"));
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
        return network;
    }

    /**
     * Adds a host called {@code role} (letters and digits, at most 8) owning {@code addresses}
     * ("10.77.1.20", "fd77:1::20").
     */
    public Host host(String role, String... addresses) {
        if (!role.matches("[a-z0-9]{1,8}") || hosts.containsKey(role)) {
            throw new IllegalArgumentException("host role must be new and match [a-z0-9]{1,8}: " + role);
        }
        String namespace = "pcis-" + id + "-" + role;
        addNamespace(namespace);
        String port = "p" + hosts.size();
        batch(
                switchNamespace,
                List.of(
                        "link add " + port + " type veth peer name eth0 netns " + namespace,
                        "link set " + port + " master br0 up"));
        List<IpAddress> owned = new ArrayList<>();
        List<String> setup = new ArrayList<>(List.of("link set lo up", "link set eth0 up"));
        for (String text : addresses) {
            IpAddress address = IpAddress.parseOrThrow(text);
            owned.add(address);
            setup.add(
                    address.family() == IpFamily.V4
                            ? "addr add " + text + "/32 dev eth0"
                            : "addr add " + text + "/128 dev eth0 nodad");
        }
        setup.add("route add default dev eth0");
        setup.add("route add ::/0 dev eth0");
        batch(namespace, setup);
        Host host = new Host(role, namespace, owned);
        hosts.put(role, host);
        return host;
    }

    public Host get(String role) {
        Host host = hosts.get(role);
        if (host == null) {
            throw new IllegalArgumentException("no host " + role);
        }
        return host;
    }

    public List<Host> hosts() {
        return List.copyOf(hosts.values());
    }

    /** Stops every host's threads and servers and deletes every namespace this network created. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (Host host : hosts.values()) {
            host.close();
        }
        for (String namespace : namespaces.reversed()) {
            try {
                ip("netns", "delete", namespace);
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        namespaces.clear();
        hosts.clear();
        if (failure != null) {
            throw failure;
        }
    }

    private void addNamespace(String name) {
        ip("netns", "add", name);
        namespaces.add(name);
    }

    /** Runs {@code ip} commands (one per line, without "ip") in a namespace, in one process. */
    private static void batch(String namespace, List<String> commands) {
        runWithInput(List.of("ip", "-n", namespace, "-batch", "-"), String.join("\n", commands) + "\n");
    }

    /** Runs {@code ip} with these arguments and fails with its error output when it fails. */
    public static String ip(String... arguments) {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(arguments));
        return run(command);
    }

    /** Runs a command and fails with its output when it exits non-zero. */
    public static String run(List<String> command) {
        return runWithInput(command, "");
    }

    /** Runs a command with {@code input} on its standard input; fails with its output on error. */
    public static String runWithInput(List<String> command, String input) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            try (var stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output.strip());
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
