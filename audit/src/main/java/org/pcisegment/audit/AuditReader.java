package org.pcisegment.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;
import org.pcisegment.core.source.InputException;
import org.pcisegment.core.source.SourceSpan;

/**
 * Reads the records of a log (plain and compressed files, in chain order) that a {@link
 * RecordFilter} selects, for queries, exports and reports. It does not verify the chain: that is
 * {@link AuditVerifier}'s job; lines that are not records are counted and skipped.
 */
public final class AuditReader {
    private AuditReader() {}

    /** A record with where it is stored and its exact line. */
    public record StoredRecord(String file, int line, byte[] raw, AuditRecord record) {
        public String rawLine() {
            return new String(raw, StandardCharsets.UTF_8);
        }

        public AuditEvent event() {
            return record.event();
        }
    }

    /** How many records matched, and how many unreadable lines were passed over. */
    public record Summary(long matched, long skipped) {}

    /** Calls {@code sink} for every selected record, oldest first. */
    public static Summary read(Path directory, RecordFilter filter, Consumer<StoredRecord> sink) {
        if (!Files.isDirectory(directory)) {
            throw new InputException(SourceSpan.of(directory.toString()), "no audit log here (not a directory)");
        }
        long matched = 0;
        long skipped = 0;
        try {
            List<LogFile> files = LogFile.list(directory);
            for (int index = 0; index < files.size(); index++) {
                LogFile file = files.get(index);
                Instant ended = index + 1 < files.size() ? files.get(index + 1).started() : Instant.MAX;
                if (!filter.mayMatch(file.started(), ended)) {
                    continue;
                }
                try (LineReader reader = LineReader.open(file)) {
                    while (reader.next()) {
                        if (!reader.terminated() || reader.overlong()) {
                            skipped++;
                            continue;
                        }
                        AuditRecord record;
                        try {
                            record = EventJson.parse(reader.copy());
                        } catch (EventJson.MalformedRecordException e) {
                            skipped++;
                            continue;
                        }
                        if (filter.matches(record.event())) {
                            matched++;
                            sink.accept(new StoredRecord(file.name(), reader.number(), reader.copy(), record));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new AuditException("cannot read the audit log in " + directory + ": " + SecureFiles.describe(e), e);
        }
        return new Summary(matched, skipped);
    }

    /** One line for people: time, action, outcome, user@host, message. */
    public static String textLine(AuditEvent event) {
        return DateTimeFormatter.ISO_INSTANT.format(event.timestamp()) + "  "
                + pad(event.action().actionName(), 24)
                + pad(event.outcome().ecsName(), 9) + event.user().name() + "@" + event.host() + "  "
                + event.message()
                + event.error().map(e -> " [error: " + e + "]").orElse("");
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }
}
