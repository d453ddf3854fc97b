package org.pcisegment.audit;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The end of the log as a crash may have left it: the last complete record (where the chain goes
 * on), and the unfinished lines after it that must be sealed before anything else is written.
 */
record LogTail(
        LogFile file,
        long lastSequence,
        String lastHash,
        Optional<String> lastAction,
        Optional<String> previousAction,
        boolean lastRecordUnterminated,
        Optional<Torn> torn,
        boolean endsWithNewline,
        long size) {

    /** Lines after the last record: their line range, byte count and SHA-256 (lines joined by \n). */
    record Torn(int firstLine, int lastLine, long bytes, String sha256) {}

    /** How many trailing lines are kept while scanning; more unreadable lines than this is not a crash. */
    private static final int WINDOW = 32;

    private record Line(int number, byte[] bytes, boolean terminated, Optional<EventJson.Link> link) {}

    /** Scans the last file, and the one before it when the last holds no complete record. */
    static LogTail scan(List<LogFile> files) throws IOException {
        LogFile active = files.getLast();
        Deque<Line> window = new ArrayDeque<>();
        int lineCount = 0;
        long size = 0;
        boolean endsWithNewline = true;
        try (LineReader reader = LineReader.open(active)) {
            while (reader.next()) {
                lineCount = reader.number();
                size += reader.length() + (reader.terminated() ? 1 : 0);
                endsWithNewline = reader.terminated();
                if (window.size() == WINDOW) {
                    window.removeFirst();
                }
                byte[] bytes = reader.copy();
                window.addLast(new Line(
                        reader.number(),
                        bytes,
                        reader.terminated(),
                        reader.overlong() ? Optional.empty() : EventJson.link(bytes, bytes.length)));
            }
        }
        // Newest first: the trailing lines that are not records, then the last record.
        Deque<Line> junk = new ArrayDeque<>();
        Line last = null;
        Line beforeLast = null;
        Iterator<Line> newestFirst = window.descendingIterator();
        while (newestFirst.hasNext()) {
            Line line = newestFirst.next();
            if (last == null) {
                if (line.link().isPresent()) {
                    last = line;
                } else {
                    junk.addFirst(line);
                }
            } else if (line.link().isPresent()) {
                beforeLast = line;
                break;
            }
        }
        if (last == null && lineCount > window.size()) {
            throw new AuditException("the last " + WINDOW + " lines of " + active.path()
                    + " are not audit records: this is not damage a crash leaves; run 'pci-segment audit verify'");
        }
        Optional<Torn> torn = junk.isEmpty() ? Optional.empty() : Optional.of(torn(junk));
        if (last != null) {
            EventJson.Link link = last.link().orElseThrow();
            return new LogTail(
                    active,
                    link.sequence(),
                    sha256Hex(last.bytes()),
                    Optional.of(link.action()),
                    Optional.ofNullable(beforeLast).flatMap(Line::link).map(EventJson.Link::action),
                    !last.terminated(),
                    torn,
                    endsWithNewline,
                    size);
        }
        if (files.size() == 1) {
            // The very first file holds no complete record: the chain starts from the genesis value.
            return new LogTail(
                    active,
                    -1,
                    EventJson.GENESIS_PREVIOUS,
                    Optional.empty(),
                    Optional.empty(),
                    false,
                    torn,
                    endsWithNewline,
                    size);
        }
        LogTail previous = scan(files.subList(0, files.size() - 1));
        return new LogTail(
                active,
                previous.lastSequence(),
                previous.lastHash(),
                previous.lastAction(),
                previous.previousAction(),
                false,
                torn,
                endsWithNewline,
                size);
    }

    private static Torn torn(Deque<Line> junk) {
        MessageDigest digest = Sha256.digest();
        long bytes = 0;
        boolean first = true;
        for (Line line : junk) {
            if (!first) {
                digest.update((byte) '\n');
                bytes++;
            }
            digest.update(line.bytes());
            bytes += line.bytes().length;
            first = false;
        }
        return new Torn(junk.getFirst().number(), junk.getLast().number(), bytes, Sha256.hex(digest.digest()));
    }

    private static String sha256Hex(byte[] bytes) {
        return Sha256.hex(Sha256.digest().digest(bytes));
    }
}
