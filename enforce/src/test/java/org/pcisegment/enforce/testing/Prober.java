package org.pcisegment.enforce.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.Protocol;

/**
 * Real connections for live-traffic tests, opened from inside a host's namespace: a TCP connect
 * followed by an echoed byte, or a UDP datagram that must come back from an {@link EchoServer}.
 * "Blocked" means no answer within the timeout; an active refusal (no server) is a test error, not
 * a verdict.
 */
public final class Prober {
    private Prober() {}

    /** Whether {@code protocol} traffic from {@code from} reaches {@code to}:{@code port} and back. */
    public static boolean reaches(Host from, IpAddress to, Protocol protocol, int port, Duration timeout) {
        return from.call(() -> switch (protocol) {
            case TCP -> tcp(to, port, timeout);
            case UDP -> udp(to, port, timeout);
            case SCTP -> throw new IllegalArgumentException("the prober speaks TCP and UDP");
        });
    }

    /** Connects and exchanges one byte; must run on a thread of the source namespace. */
    static boolean tcp(IpAddress to, int port, Duration timeout) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(to.toInetAddress(), port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.getOutputStream().write(42);
            return socket.getInputStream().read() == 42;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            if (droppedOnTheWayOut(e) || String.valueOf(e.getMessage()).contains("timed out")) {
                return false;
            }
            throw new IllegalStateException("tcp " + to + ":" + port + " failed (no server there?): " + e, e);
        }
    }

    /**
     * A packet dropped by the sender's own output hook fails the send with EPERM ("Operation not
     * permitted"): blocked, like a drop anywhere else.
     */
    private static boolean droppedOnTheWayOut(IOException e) {
        return String.valueOf(e.getMessage()).contains("Operation not permitted");
    }

    /** Sends a token (twice, spaced) and waits for its echo; must run in the source namespace. */
    static boolean udp(IpAddress to, int port, Duration timeout) throws IOException {
        byte[] token = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
        InetSocketAddress target = new InetSocketAddress(to.toInetAddress(), port);
        try (DatagramChannel channel = DatagramChannel.open();
                Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            channel.connect(target);
            channel.register(selector, SelectionKey.OP_READ);
            long deadline = System.nanoTime() + timeout.toNanos();
            ByteBuffer answer = ByteBuffer.allocate(token.length + 16);
            for (int attempt = 0; attempt < 2; attempt++) {
                try {
                    channel.write(ByteBuffer.wrap(token));
                } catch (IOException e) {
                    if (droppedOnTheWayOut(e)) {
                        return false;
                    }
                    throw e;
                }
                long wait = attempt == 0 ? (deadline - System.nanoTime()) / 2 : deadline - System.nanoTime();
                if (selector.select(Math.max(1, wait / 1_000_000)) > 0) {
                    answer.clear();
                    try {
                        channel.read(answer);
                    } catch (java.net.PortUnreachableException e) {
                        throw new IllegalStateException("udp " + to + ":" + port + " refused: no server there", e);
                    }
                    answer.flip();
                    return answer.equals(ByteBuffer.wrap(token));
                }
            }
            return false;
        }
    }
}
