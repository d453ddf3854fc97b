package org.pcisegment.enforce.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import org.pcisegment.core.load.PolicySet;
import org.pcisegment.core.load.PolicySetLoader;

/**
 * The live-traffic lab: a CDE database, a CDE application server, a monitoring host, an office
 * host (all four in the inventory) and an "internet" host outside it, each serving TCP and UDP
 * echo on {@link #PORTS}. The inventory and policies describing it are test resources under {@code
 * lab/}; {@link #writeFiles} copies them to a directory for code that reads files.
 */
public final class Lab implements AutoCloseable {
    /** Every port every host serves, TCP and UDP. */
    public static final List<Integer> PORTS = List.of(22, 53, 161, 443, 514, 5432, 9100);

    private static final List<String> POLICY_FILES = List.of("cde-database.yaml", "cde-app.yaml");

    private final TestNetwork network;

    private Lab(TestNetwork network) {
        this.network = network;
    }

    /** Builds the network and starts the servers; skips the test unless it runs as root. */
    public static Lab start() {
        TestNetwork network = TestNetwork.create();
        try {
            network.host("db", "10.77.1.20", "fd77:1::20");
            network.host("app", "10.77.1.10", "fd77:1::10");
            network.host("mon", "10.77.20.5", "fd77:20::5");
            network.host("office", "10.77.30.7", "fd77:30::7");
            network.host("inet", "198.51.100.10", "2001:db8:100::10");
            for (Host host : network.hosts()) {
                host.serve(PORTS);
            }
            return new Lab(network);
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    public TestNetwork network() {
        return network;
    }

    public Host db() {
        return network.get("db");
    }

    public Host app() {
        return network.get("app");
    }

    public List<Host> hosts() {
        return network.hosts();
    }

    /** The inventory workload each CDE host is. */
    public static String workloadOf(Host host) {
        return switch (host.role()) {
            case "db" -> "cde-db";
            case "app" -> "cde-app";
            default -> throw new IllegalArgumentException(host.role() + " is not enforced in the lab");
        };
    }

    @Override
    public void close() {
        network.close();
    }

    /**
     * Copies the lab's inventory to {@code dir/inventory.yaml} and its policies to {@code
     * dir/policies/}; returns {@code dir}.
     */
    public static Path writeFiles(Path dir) {
        try {
            Files.createDirectories(dir.resolve("policies"));
            copy("lab/inventory.yaml", dir.resolve("inventory.yaml"));
            for (String file : POLICY_FILES) {
                copy("lab/policies/" + file, dir.resolve("policies").resolve(file));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads the policy set of files written by {@link #writeFiles}. */
    public static PolicySet load(Path dir) {
        return PolicySetLoader.load(
                List.of(dir.resolve("policies").toString()),
                List.of(dir.resolve("inventory.yaml").toString()));
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in =
                Objects.requireNonNull(Lab.class.getClassLoader().getResourceAsStream(resource), resource)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
