package org.pcisegment.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The receiving side of RFC 6587 octet counting, for tests with a real TCP syslog listener. */
public final class OctetCountedFrames {
    private OctetCountedFrames() {}

    /** Accepts one connection and reads "LENGTH SP MESSAGE" frames until the sender closes it. */
    public static List<String> accept(ServerSocket server) {
        List<String> frames = new ArrayList<>();
        try (Socket connection = server.accept();
                DataInputStream in = new DataInputStream(connection.getInputStream())) {
            while (true) {
                ByteArrayOutputStream length = new ByteArrayOutputStream();
                int c;
                while ((c = in.read()) != ' ') {
                    if (c < 0) {
                        if (length.size() > 0) {
                            throw new IOException("the stream ended inside a frame length");
                        }
                        return frames;
                    }
                    length.write(c);
                }
                byte[] message = new byte[Integer.parseInt(length.toString(StandardCharsets.US_ASCII))];
                in.readFully(message);
                frames.add(new String(message, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
