package org.pcisegment.audit;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The child process of {@link CrashTest}: writes events as fast as it can and prints "ack ID" for
 * each event once it is durable (security events when record returns, flow events after flush),
 * until it is killed.
 */
public final class CrashWriter {
    private CrashWriter() {}

    public static void main(String[] args) {
        AuditLocation location = new AuditLocation(Path.of(args[0]), Path.of(args[1]));
        String run = args[2];
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        AuditConfig config = AuditConfig.at(location)
                .withClock(Clock.systemUTC())
                .withBatchDelay(Duration.ofMillis(20))
                .withCheckpointEvery(100)
                .withMaxFileBytes(256 * 1024);
        AuditLog log = AuditLog.open(config);
        out.println("open");
        out.flush();
        List<String> pending = new ArrayList<>();
        for (long i = 0; ; i++) {
            String id = run + "-" + i;
            if (i % 50 == 0) {
                log.record(Events.applied().withLabel("crash_id", id));
                out.println("ack " + id);
                out.flush();
            } else {
                log.recordBatched(AuditEvent.flowDenied(Events.tcpFlow((int) (i % 60000) + 1))
                        .withLabel("crash_id", id));
                pending.add(id);
                if (pending.size() == 25) {
                    log.flush();
                    out.print("ack " + String.join("\nack ", pending) + "\n");
                    out.flush();
                    pending.clear();
                }
            }
        }
    }
}
