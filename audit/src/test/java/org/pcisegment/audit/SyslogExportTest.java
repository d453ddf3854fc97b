package org.pcisegment.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export to real syslog listeners on the loopback interface, started by the test. */
class SyslogExportTest {
    private static final Pattern RFC5424 = Pattern.compile(
            "<(\\d{1,3})>1 (\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z) (\\S+) pci-segment - (\\S+) - (\\{.*\\})");

    @TempDir
    Path temp;

    private AuditLocation location;
    private List<String> expectedLines;

    @BeforeEach
    void writeLog() {
        location = TestLogs.written(temp, 20);
        expectedLines = new ArrayList<>();
        AuditReader.read(location.directory(), RecordFilter.ALL, r -> expectedLines.add(r.rawLine()));
        assertThat(expectedLines).hasSize(24);
    }

    @Test
    void sendsOctetCountedMessagesOverTcp() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<List<String>> received =
                    CompletableFuture.supplyAsync(() -> OctetCountedFrames.accept(server));

            AuditReader.Summary summary = Syslog.send(
                    location.directory(),
                    RecordFilter.ALL,
                    new Syslog.Target("127.0.0.1", server.getLocalPort()),
                    Syslog.Transport.TCP);

            List<String> messages = received.get(30, TimeUnit.SECONDS);
            assertThat(summary.matched()).isEqualTo(24);
            assertThat(messages).hasSize(24);
            assertMessagesCarryTheRecords(messages);
        }
    }

    @Test
    void sendsOneDatagramPerMessageOverUdp() throws Exception {
        try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            server.setReceiveBufferSize(1 << 20);
            server.setSoTimeout(10_000);
            RecordFilter denied = new RecordFilter(Optional.empty(), Optional.empty(), Set.of("flow-denied"));

            Syslog.send(
                    location.directory(),
                    denied,
                    new Syslog.Target("127.0.0.1", server.getLocalPort()),
                    Syslog.Transport.UDP);

            List<String> messages = new ArrayList<>();
            byte[] buffer = new byte[65_536];
            while (messages.size() < 20) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                server.receive(packet);
                messages.add(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
            }
            server.setSoTimeout(300);
            assertThatThrownBy(() -> server.receive(new DatagramPacket(buffer, buffer.length)))
                    .isInstanceOf(SocketTimeoutException.class);
            expectedLines = expectedLines.stream()
                    .filter(l -> l.contains("flow-denied"))
                    .toList();
            assertMessagesCarryTheRecords(messages);
            assertThat(messages.getFirst()).startsWith("<109>1 ");
        }
    }

    @Test
    void anUnreachableCollectorIsAnOperationFailure() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }

        assertThatThrownBy(() -> Syslog.send(
                        location.directory(),
                        RecordFilter.ALL,
                        new Syslog.Target("127.0.0.1", closedPort),
                        Syslog.Transport.TCP))
                .isInstanceOf(AuditException.class)
                .hasMessageContaining("cannot send to the syslog collector 127.0.0.1:" + closedPort + " over tcp");
    }

    @Test
    void parsesTargets() {
        assertThat(Syslog.Target.parse("siem.example.com:6514")).isEqualTo(new Syslog.Target("siem.example.com", 6514));
        assertThat(Syslog.Target.parse("[2001:db8::5]:514")).isEqualTo(new Syslog.Target("2001:db8::5", 514));
        assertThatThrownBy(() -> Syslog.Target.parse("siem.example.com")).hasMessageContaining("expected HOST:PORT");
        assertThatThrownBy(() -> Syslog.Target.parse("host:70000")).hasMessageContaining("expected HOST:PORT");
    }

    private void assertMessagesCarryTheRecords(List<String> messages) {
        List<String> bodies = new ArrayList<>();
        for (String message : messages) {
            Matcher matcher = RFC5424.matcher(message);
            assertThat(matcher.matches()).as(message).isTrue();
            int priority = Integer.parseInt(matcher.group(1));
            assertThat(priority / 8).as("facility log audit").isEqualTo(13);
            assertThat(matcher.group(5)).contains("\"host\":{\"name\":\"" + matcher.group(3) + "\"}");
            assertThat(matcher.group(5)).contains("\"@timestamp\":\"" + matcher.group(2) + "\"");
            assertThat(matcher.group(5)).contains("\"action\":\"" + matcher.group(4) + "\"");
            bodies.add(matcher.group(5));
        }
        assertThat(bodies).containsExactlyElementsOf(expectedLines);
    }
}
