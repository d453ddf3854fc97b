package org.pcisegment.enforce.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * TCP and UDP echo servers on a list of ports, IPv4 and IPv6 (dual-stack sockets), served by one
 * selector thread. The channels are opened by the thread that calls {@link #start}, so they live
 * in that thread's network namespace.
 */
public final class EchoServer implements AutoCloseable {
    private final Selector selector;
    private final Thread thread;
    private volatile boolean closing;

    private EchoServer(Selector selector, String name) {
        this.selector = selector;
        this.thread = new Thread(this::loop, name + "-echo");
        this.thread.setDaemon(true);
    }

    static EchoServer start(String name, List<Integer> ports) throws IOException {
        Selector selector = Selector.open();
        for (int port : ports) {
            ServerSocketChannel tcp = ServerSocketChannel.open();
            tcp.bind(new InetSocketAddress("::", port), 128);
            tcp.configureBlocking(false);
            tcp.register(selector, SelectionKey.OP_ACCEPT);
            DatagramChannel udp = DatagramChannel.open();
            udp.bind(new InetSocketAddress("::", port));
            udp.configureBlocking(false);
            udp.register(selector, SelectionKey.OP_READ);
        }
        EchoServer server = new EchoServer(selector, name);
        server.thread.start();
        return server;
    }

    private void loop() {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        try (selector) {
            while (!closing) {
                selector.select(200);
                for (SelectionKey key : selector.selectedKeys()) {
                    try {
                        handle(key, buffer);
                    } catch (IOException e) {
                        key.channel().close();
                    }
                }
                selector.selectedKeys().clear();
            }
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(SelectionKey key, ByteBuffer buffer) throws IOException {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            SocketChannel client = ((ServerSocketChannel) key.channel()).accept();
            if (client != null) {
                client.configureBlocking(false);
                client.register(selector, SelectionKey.OP_READ);
            }
        } else if (key.channel() instanceof DatagramChannel udp) {
            buffer.clear();
            SocketAddress from = udp.receive(buffer);
            if (from != null) {
                buffer.flip();
                udp.send(buffer, from);
            }
        } else if (key.channel() instanceof SocketChannel tcp) {
            buffer.clear();
            int read = tcp.read(buffer);
            if (read < 0) {
                tcp.close();
                return;
            }
            buffer.flip();
            while (buffer.hasRemaining()) {
                tcp.write(buffer);
            }
        }
    }

    /** Stops serving and closes every socket, open connections included. */
    @Override
    public void close() {
        closing = true;
        selector.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
