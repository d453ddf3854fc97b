package org.pcisegment.audit;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One file of the log. Its name carries the sequence number of its first record and the UTC time it
 * was started ({@code audit-00000000000000000042-20261122T101530Z.jsonl}), so the files sort in
 * chain order and retention can judge their age without opening them. Rotated files older than the
 * uncompressed window end in {@code .jsonl.gz}.
 */
public record LogFile(Path path, long firstSequence, Instant started, boolean compressed) {
    private static final Pattern NAME = Pattern.compile("audit-(\\d{20})-(\\d{8}T\\d{6}Z)\\.jsonl(\\.gz)?");
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    public String name() {
        return path.getFileName().toString();
    }

    /** The name of a new, uncompressed file. */
    static String name(long firstSequence, Instant started) {
        return "audit-%020d-%s.jsonl".formatted(firstSequence, STAMP.format(started));
    }

    /** The compressed file's path. */
    Path gzipPath() {
        return path.resolveSibling(name().endsWith(".gz") ? name() : name() + ".gz");
    }

    static Optional<LogFile> parse(Path path) {
        Matcher matcher = NAME.matcher(path.getFileName().toString());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            Instant started = STAMP.parse(matcher.group(2), Instant::from);
            return Optional.of(new LogFile(path, Long.parseLong(matcher.group(1)), started, matcher.group(3) != null));
        } catch (DateTimeParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The log files of a directory in chain order. Where a crash during compression left both the
     * plain and the compressed copy, the plain one (always complete) is listed.
     */
    static List<LogFile> list(Path directory) throws IOException {
        Map<Long, LogFile> bySequence = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "audit-*.jsonl*")) {
            for (Path entry : entries) {
                Optional<LogFile> file = parse(entry);
                if (file.isPresent()) {
                    bySequence.merge(file.get().firstSequence(), file.get(), (a, b) -> a.compressed() ? b : a);
                }
            }
        }
        List<LogFile> files = new ArrayList<>(bySequence.values());
        files.sort(Comparator.comparingLong(LogFile::firstSequence));
        return files;
    }
}
