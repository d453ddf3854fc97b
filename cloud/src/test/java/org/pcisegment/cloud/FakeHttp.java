package org.pcisegment.cloud;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Helpers shared by the fake cloud endpoints of the tests: bodies, forms, and injected faults. */
public final class FakeHttp {
    private FakeHttp() {}

    /** A fault the fake answers with instead of doing the call: an HTTP status and a provider error code. */
    public record Fault(int status, String code, String message) {}

    /** An error a fake answers with: HTTP status, provider error code, message. */
    public static final class ApiError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        public final int status;
        public final String code;

        public ApiError(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    /** Faults queued per operation name, answered before the operation runs, first in first out. */
    public static final class Faults {
        private final Map<String, Deque<Optional<Fault>>> queued = new LinkedHashMap<>();

        /** The next {@code count} calls of {@code operation} fail with {@code fault}. */
        public synchronized void failNext(String operation, int count, Fault fault) {
            Deque<Optional<Fault>> queue = queued.computeIfAbsent(operation, k -> new ArrayDeque<>());
            for (int i = 0; i < count; i++) {
                queue.add(Optional.of(fault));
            }
        }

        /** The next {@code count} calls of {@code operation} succeed, then faults queued after this apply. */
        public synchronized void passNext(String operation, int count) {
            Deque<Optional<Fault>> queue = queued.computeIfAbsent(operation, k -> new ArrayDeque<>());
            for (int i = 0; i < count; i++) {
                queue.add(Optional.empty());
            }
        }

        public synchronized Optional<Fault> next(String operation) {
            Deque<Optional<Fault>> queue = queued.get(operation);
            if (queue == null || queue.isEmpty()) {
                return Optional.empty();
            }
            return queue.poll();
        }

        public synchronized void clear() {
            queued.clear();
        }
    }

    public static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    public static Map<String, String> form(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    public static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (status == 204 || bytes.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public static String xml(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
