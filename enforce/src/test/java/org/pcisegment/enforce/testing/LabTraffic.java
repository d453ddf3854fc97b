package org.pcisegment.enforce.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.pcisegment.core.ir.Flow;
import org.pcisegment.core.ir.PolicyCompiler;
import org.pcisegment.core.ir.RuleSet;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.IpFamily;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.enforce.DesiredState;
import org.pcisegment.enforce.ManagementAccess;

/** What every backend's live-traffic test does with the lab: desired states, long connections, a policy change. */
public final class LabTraffic {
    private LabTraffic() {}

    /** The desired state of a lab host's workload. */
    public static DesiredState desired(RuleSet ruleSet, Host host, ManagementAccess management) {
        return DesiredState.of(
                ruleSet,
                ruleSet.inventory().byName(Lab.workloadOf(host)).orElseThrow(),
                management,
                Instant.now(),
                "test");
    }

    /** Whether a lab host is one of the enforcing CDE hosts. */
    public static boolean isCde(Host host) {
        return host.role().equals("db") || host.role().equals("app");
    }

    public static Flow tcpFlow(Host from, Host to, IpFamily family, int port) {
        return new Flow(from.address(family), to.address(family), Protocol.TCP, port);
    }

    /**
     * Changes the database's monitoring port from 9100 to 22 in the policy files written to {@code
     * dir}; returns the new rules.
     */
    public static RuleSet changeMonitoringPort(Path dir) throws IOException {
        Path policy = dir.resolve("policies/cde-database.yaml");
        Files.writeString(
                policy, Files.readString(policy).replace("{protocol: TCP, port: 9100}", "{protocol: TCP, port: 22}"));
        return PolicyCompiler.compile(Lab.load(dir));
    }

    /** A TCP connection opened inside {@code from}'s namespace, left open for the test. */
    public static Socket open(Host from, IpAddress to, int port, Duration timeout) {
        return from.call(() -> {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress(to.toInetAddress(), port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            return socket;
        });
    }

    /** Whether one byte sent on the connection comes back. */
    public static boolean echo(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        out.write(7);
        out.flush();
        try {
            return in.read() == 7;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }
}
