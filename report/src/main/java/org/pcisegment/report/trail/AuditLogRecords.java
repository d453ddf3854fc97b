package org.pcisegment.report.trail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.pcisegment.audit.AuditException;
import org.pcisegment.audit.AuditRecord;
import org.pcisegment.audit.EventJson;

/**
 * Reads the records of an audit log directory in chain order (plain and gzip files), with the audit
 * module's own codec. Lines the codec rejects are skipped here: the verifier, run on the same
 * directory, reports them as breaks, and the report shows its verdict.
 *
 * <p>Stands in until the audit module's query API ({@code audit query}) is merged; it then replaces
 * this class.
 */
final class AuditLogRecords {
    private static final Pattern NAME = Pattern.compile("audit-(\\d{20})-\\d{8}T\\d{6}Z\\.jsonl(\\.gz)?");

    private AuditLogRecords() {}

    static List<AuditRecord> read(Path directory) {
        TreeMap<Long, Path> files = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "audit-*.jsonl*")) {
            for (Path entry : entries) {
                Matcher matcher = NAME.matcher(entry.getFileName().toString());
                if (matcher.matches()) {
                    // A crash during compression may leave both copies: the plain one is complete.
                    files.merge(
                            Long.parseLong(matcher.group(1)),
                            entry,
                            (a, b) -> a.toString().endsWith(".gz") ? b : a);
                }
            }
            List<AuditRecord> records = new ArrayList<>();
            for (Path file : files.values()) {
                try (InputStream raw = Files.newInputStream(file);
                        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        try {
                            records.add(EventJson.parse(line.getBytes(StandardCharsets.UTF_8)));
                        } catch (EventJson.MalformedRecordException e) {
                            // Reported by the verifier; a report never counts an unreadable record.
                        }
                    }
                }
            }
            return records;
        } catch (IOException e) {
            throw new AuditException("cannot read the audit log in " + directory + ": " + e.getMessage(), e);
        }
    }
}
