package org.pcisegment.audit;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.pcisegment.core.source.InputException;
import org.pcisegment.core.source.SourceSpan;

/**
 * RFC 5424 syslog messages for SIEM collectors: facility "log audit" (13), a severity from the
 * event, {@code @timestamp}, {@code host.name}, APP-NAME {@code pci-segment}, MSGID the {@code
 * event.action}, no structured data, and the record's JSON line as MSG (UTF-8, without BOM). Sent
 * over TCP with octet counting (RFC 6587) or one message per UDP datagram (RFC 5426).
 */
public final class Syslog {
    /** RFC 5424 facility 13: log audit. */
    static final int FACILITY_LOG_AUDIT = 13;

    static final int MAX_UDP_PAYLOAD = 65_507;

    private Syslog() {}

    /** The transport to a collector. */
    public enum Transport {
        TCP,
        UDP;

        public String lowerName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A collector address, {@code host:port} or {@code [ipv6]:port}. */
    public record Target(String host, int port) {
        public static Target parse(String text) {
            int colon = text.lastIndexOf(':');
            String host = colon > 0 ? text.substring(0, colon) : "";
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port = -1;
            try {
                port = colon > 0 ? Integer.parseInt(text.substring(colon + 1)) : -1;
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (host.isBlank() || port < 1 || port > 65535) {
                throw new InputException(
                        SourceSpan.of("--target"),
                        "expected HOST:PORT (e.g. siem.example.com:6514 or [2001:db8::5]:514), got '" + text + "'");
            }
            return new Target(host, port);
        }
    }

    /** The RFC 5424 message for one record. */
    public static String format(AuditReader.StoredRecord stored) {
        AuditEvent event = stored.event();
        return "<" + (FACILITY_LOG_AUDIT * 8 + severity(event)) + ">1 "
                + DateTimeFormatter.ISO_INSTANT.format(event.timestamp()) + " "
                + headerField(event.host(), 255) + " pci-segment - "
                + headerField(event.action().actionName(), 32) + " - "
                + stored.rawLine();
    }

    /** 2 critical (integrity failure), 4 warning (failed actions), 5 notice (denied flows), 6 informational. */
    static int severity(AuditEvent event) {
        if (event.action() == EventAction.AUDIT_INTEGRITY_FAILURE) {
            return 2;
        }
        if (event.outcome() == Outcome.FAILURE) {
            return 4;
        }
        return event.action() == EventAction.FLOW_DENIED ? 5 : 6;
    }

    /** Header fields are printable US-ASCII without spaces; anything else becomes the NILVALUE. */
    private static String headerField(String value, int maxLength) {
        if (value.isEmpty() || value.length() > maxLength) {
            return "-";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 33 || c > 126) {
                return "-";
            }
        }
        return value;
    }

    /**
     * Sends every record {@code filter} selects to a collector, oldest first. A collector that cannot
     * be reached or drops the connection is an {@link AuditException} naming it.
     */
    public static AuditReader.Summary send(Path directory, RecordFilter filter, Target target, Transport transport) {
        try (Sender sender = connect(target, transport)) {
            AuditReader.Summary summary = AuditReader.read(directory, filter, stored -> {
                try {
                    sender.send(format(stored));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return summary;
        } catch (UncheckedIOException e) {
            throw sendFailure(target, transport, java.util.Objects.requireNonNull(e.getCause()));
        } catch (IOException e) {
            throw sendFailure(target, transport, e);
        }
    }

    private static AuditException sendFailure(Target target, Transport transport, IOException cause) {
        return new AuditException(
                "cannot send to the syslog collector " + target.host() + ":" + target.port() + " over "
                        + transport.lowerName() + ": " + SecureFiles.describe(cause),
                cause);
    }

    /** An open connection to a collector. */
    public interface Sender extends Closeable {
        void send(String message) throws IOException;
    }

    /** Connects to a collector (TCP connect timeout 5 s). */
    public static Sender connect(Target target, Transport transport) throws IOException {
        InetSocketAddress address = new InetSocketAddress(target.host(), target.port());
        if (address.isUnresolved()) {
            throw new IOException("cannot resolve " + target.host());
        }
        return switch (transport) {
            case TCP -> tcp(address);
            case UDP -> udp(address);
        };
    }

    private static Sender tcp(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(address, 5_000);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        OutputStream out = new java.io.BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        return new Sender() {
            @Override
            public void send(String message) throws IOException {
                byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
                out.write((bytes.length + " ").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
            }

            @Override
            public void close() throws IOException {
                try (socket) {
                    out.flush();
                    socket.shutdownOutput();
                }
            }
        };
    }

    private static Sender udp(InetSocketAddress address) throws IOException {
        DatagramSocket socket = new DatagramSocket();
        socket.connect(address);
        return new Sender() {
            @Override
            public void send(String message) throws IOException {
                byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
                if (bytes.length > MAX_UDP_PAYLOAD) {
                    throw new IOException("a " + bytes.length + "-byte message does not fit a UDP datagram; use TCP");
                }
                socket.send(new DatagramPacket(bytes, bytes.length));
            }

            @Override
            public void close() {
                socket.close();
            }
        };
    }
}
