package org.pcisegment.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.pcisegment.audit.VerifyReport.Finding;
import org.pcisegment.audit.VerifyReport.Kind;
import org.pcisegment.core.source.InputException;
import org.pcisegment.core.source.SourceSpan;

/**
 * Checks a whole log: every record's {@code prev_sha256} against the SHA-256 of the line before it,
 * sequence numbers without gaps across files, every checkpoint's Ed25519 signature and the record it
 * signs, that each rotated file ends with its sealing checkpoint, that a log not starting at record
 * 0 was cut by retention, and that the signed anchor's record is present and unchanged. Stops at the
 * first break and names its kind (altered, missing, reordered, inserted, ...), file and line.
 */
public final class AuditVerifier {
    private AuditVerifier() {}

    /** Verifies the log at {@code location} with the public key and anchor from its key directory. */
    public static VerifyReport verify(AuditLocation location) {
        if (!Files.isDirectory(location.directory())) {
            throw new InputException(
                    SourceSpan.of(location.directory().toString()), "no audit log here (not a directory)");
        }
        CheckpointKey key = CheckpointKey.loadPublic(location.keyDirectory().resolve(CheckpointKey.PUBLIC_FILE));
        return verify(location.directory(), key, Anchor.read(location.keyDirectory(), key));
    }

    static VerifyReport verify(Path directory, CheckpointKey key, Optional<Subject.Checkpoint> anchor) {
        try {
            List<LogFile> files = LogFile.list(directory);
            if (files.isEmpty()) {
                throw new InputException(SourceSpan.of(directory.toString()), "no audit log files here");
            }
            return new Run(directory, files, key, anchor).run();
        } catch (IOException e) {
            throw new AuditException("cannot read the audit log in " + directory + ": " + SecureFiles.describe(e), e);
        }
    }

    /** A record already checked: where it is, its number and hash. */
    private record Entry(String file, int line, long sequence, String previous, String hash) {
        boolean precedes(Entry next) {
            return next.sequence == sequence + 1 && next.previous.equals(hash);
        }

        String at() {
            return file + ":" + line;
        }
    }

    /** One pass over all files; fields hold the state between lines. */
    private static final class Run {
        private final Path directory;
        private final List<LogFile> files;
        private final CheckpointKey key;
        private final Optional<Subject.Checkpoint> anchor;
        private final MessageDigest digest = Sha256.digest();
        private final List<VerifyReport.FileSummary> summaries = new ArrayList<>();
        private final List<Finding> notes = new ArrayList<>();
        private final List<Subject.Retention> retentions = new ArrayList<>();
        private @Nullable String logId;
        private @Nullable Entry previous;
        private @Nullable Entry first;
        private @Nullable Entry lastCheckpoint;
        private @Nullable Finding broken;
        private long records;
        private int checkpoints;

        // The run of unreadable lines being collected (they must be sealed by the next record).
        private int junkFirst;
        private int junkLast;
        private long junkBytes;
        private boolean junkTerminated;
        private String junkReason = "";
        private final MessageDigest junkDigest = Sha256.digest();

        Run(Path directory, List<LogFile> files, CheckpointKey key, Optional<Subject.Checkpoint> anchor) {
            this.directory = directory;
            this.files = files;
            this.key = key;
            this.anchor = anchor;
            this.logId = anchor.map(Subject.Checkpoint::logId).orElse(null);
        }

        VerifyReport run() throws IOException {
            for (int index = 0; index < files.size() && broken == null; index++) {
                verifyFile(index);
            }
            if (broken == null) {
                finish();
            }
            Optional<Finding> startBreak = checkStart();
            Optional<Finding> firstBreak = startBreak.isPresent() ? startBreak : Optional.ofNullable(broken);
            return new VerifyReport(directory, summaries, records, checkpoints, anchor, notes, firstBreak);
        }

        private void verifyFile(int index) throws IOException {
            LogFile file = files.get(index);
            boolean lastFile = index == files.size() - 1;
            long fileRecords = 0;
            @Nullable Entry fileLast = null;
            String lastAction = "";
            junkFirst = 0;
            try (LineReader reader = LineReader.open(file)) {
                while (reader.next()) {
                    Optional<EventJson.Link> link =
                            reader.overlong() ? Optional.empty() : EventJson.link(reader.bytes(), reader.length());
                    if (link.isEmpty()) {
                        collectJunk(reader);
                        continue;
                    }
                    Entry entry = new Entry(
                            file.name(),
                            reader.number(),
                            link.get().sequence(),
                            link.get().previousSha256(),
                            Sha256.of(digest, reader.bytes(), reader.length()));
                    String action = link.get().action();
                    if (!checkJunkSealed(file, reader, action)) {
                        break;
                    }
                    if (fileRecords == 0 && entry.sequence() != file.firstSequence()) {
                        fail(
                                Kind.REPLACED,
                                entry,
                                "the file's name says it starts at record " + file.firstSequence()
                                        + ", but its first record is " + entry.sequence() + ": the file was renamed or"
                                        + " replaced");
                        break;
                    }
                    if (!checkLink(entry, index)) {
                        break;
                    }
                    if (action.startsWith("audit-") && !checkOwnRecord(entry, action, reader.copy())) {
                        break;
                    }
                    if (anchor.isPresent()
                            && anchor.get().sequence() == entry.sequence()
                            && !anchor.get().sha256().equals(entry.hash())) {
                        fail(
                                Kind.REWRITTEN,
                                entry,
                                "record " + entry.sequence() + " is not the record the signed"
                                        + " anchor vouches for: it or records before it were rewritten after"
                                        + lastCheckpointText());
                        break;
                    }
                    previous = entry;
                    if (first == null) {
                        first = entry;
                    }
                    fileLast = entry;
                    lastAction = action;
                    fileRecords++;
                    records++;
                }
            }
            summaries.add(new VerifyReport.FileSummary(file.name(), fileRecords, file.compressed()));
            if (broken != null) {
                return;
            }
            if (junkFirst > 0) {
                if (lastFile) {
                    notes.add(new Finding(
                            Kind.INCOMPLETE_TAIL,
                            file.name(),
                            junkFirst,
                            (junkTerminated ? "unreadable line(s) " : "an unfinished line ")
                                    + "at the end of the log: a writer is appending, or a crash left "
                                    + (junkLast - junkFirst + 1) + " line(s) the next writer start seals"));
                } else {
                    fail(Kind.INVALID, file.name(), junkFirst, "not a valid audit record (" + junkReason + ")");
                }
                return;
            }
            if (!lastFile) {
                if (fileLast == null) {
                    fail(Kind.MISSING, file.name(), 0, "a rotated file with no records: its content was removed");
                } else if (!lastAction.equals(EventAction.AUDIT_CHECKPOINT.actionName())) {
                    fail(
                            Kind.TRUNCATED,
                            fileLast.file(),
                            fileLast.line(),
                            "the file does not end with its sealing"
                                    + " checkpoint: records were removed from its end, or the file was replaced");
                }
            }
        }

        private void collectJunk(LineReader reader) {
            if (junkFirst == 0) {
                junkFirst = reader.number();
                junkBytes = 0;
                junkDigest.reset();
                junkReason = reason(reader);
            } else {
                junkDigest.update((byte) '\n');
                junkBytes++;
            }
            junkDigest.update(reader.bytes(), 0, reader.length());
            junkBytes += reader.length();
            junkLast = reader.number();
            junkTerminated = reader.terminated();
        }

        private static String reason(LineReader reader) {
            if (reader.overlong()) {
                return "longer than " + LineReader.MAX_LINE + " bytes";
            }
            try {
                EventJson.parse(reader.copy());
                return "no chain fields";
            } catch (EventJson.MalformedRecordException e) {
                return String.valueOf(e.getMessage());
            }
        }

        /** Unreadable lines must be followed by a seal that names exactly them. */
        private boolean checkJunkSealed(LogFile file, LineReader reader, String action) {
            boolean seal = action.equals(EventAction.AUDIT_TORN_RECORD_SEALED.actionName());
            if (junkFirst == 0) {
                if (seal) {
                    fail(
                            Kind.INSERTED,
                            file.name(),
                            reader.number(),
                            "a torn-line seal with no torn lines before it (inserted, or the lines it sealed were"
                                    + " removed)");
                    return false;
                }
                return true;
            }
            if (seal) {
                Optional<Subject.TornRecords> torn = subject(reader.copy(), Subject.TornRecords.class);
                String sha = Sha256.hex(junkDigest.digest());
                if (torn.isPresent()
                        && torn.get().file().equals(file.name())
                        && torn.get().firstLine() == junkFirst
                        && torn.get().lastLine() == junkLast
                        && torn.get().bytes() == junkBytes
                        && torn.get().sha256().equals(sha)) {
                    notes.add(new Finding(
                            Kind.TORN_SEALED,
                            file.name(),
                            junkFirst,
                            "line(s) " + junkFirst + "-" + junkLast + " were left unfinished by an unclean stop"
                                    + " and sealed on the next start (line " + reader.number() + ")"));
                    junkFirst = 0;
                    return true;
                }
            }
            fail(Kind.INVALID, file.name(), junkFirst, "not a valid audit record (" + junkReason + ")");
            return false;
        }

        private boolean checkLink(Entry entry, int fileIndex) throws IOException {
            Entry before = previous;
            if (before == null) {
                if (entry.sequence() == 0 && !entry.previous().equals(EventJson.GENESIS_PREVIOUS)) {
                    fail(Kind.ALTERED, entry, "the first record's prev_sha256 must be 64 zeros");
                    return false;
                }
                return true;
            }
            if (before.precedes(entry)) {
                return true;
            }
            Finding finding = Diagnosis.diagnose(before, entry, lookahead(fileIndex, entry));
            broken = finding.kind() == Kind.ALTERED ? unreadable(finding).orElse(finding) : finding;
            return false;
        }

        /** An altered line that is no longer a readable record is reported as such, with the reason. */
        private Optional<Finding> unreadable(Finding altered) throws IOException {
            for (LogFile file : files) {
                if (!file.name().equals(altered.file())) {
                    continue;
                }
                try (LineReader reader = LineReader.open(file)) {
                    while (reader.next()) {
                        if (reader.number() == altered.line()) {
                            try {
                                EventJson.parse(reader.copy());
                                return Optional.empty();
                            } catch (EventJson.MalformedRecordException e) {
                                return Optional.of(new Finding(
                                        Kind.INVALID,
                                        altered.file(),
                                        altered.line(),
                                        "not a valid audit record (" + e.getMessage() + "): altered"));
                            }
                        }
                    }
                }
            }
            return Optional.empty();
        }

        /** The records after {@code entry}: the rest of its file and the start of the next. */
        private List<Entry> lookahead(int fileIndex, Entry entry) throws IOException {
            List<Entry> after = new ArrayList<>();
            for (int index = fileIndex; index < files.size() && index <= fileIndex + 1; index++) {
                LogFile file = files.get(index);
                try (LineReader reader = LineReader.open(file)) {
                    while (reader.next()) {
                        if (index == fileIndex && reader.number() <= entry.line()) {
                            continue;
                        }
                        if (index > fileIndex && after.size() > 2) {
                            break;
                        }
                        Optional<EventJson.Link> link =
                                reader.overlong() ? Optional.empty() : EventJson.link(reader.bytes(), reader.length());
                        if (link.isPresent()) {
                            after.add(new Entry(
                                    file.name(),
                                    reader.number(),
                                    link.get().sequence(),
                                    link.get().previousSha256(),
                                    Sha256.of(digest, reader.bytes(), reader.length())));
                        }
                    }
                }
            }
            return after;
        }

        /** Checkpoints, retention records, the log id of the log's own records, recorded failures. */
        private boolean checkOwnRecord(Entry entry, String action, byte[] line) {
            if (action.equals(EventAction.AUDIT_CHECKPOINT.actionName())) {
                Optional<Subject.Checkpoint> checkpoint = subject(line, Subject.Checkpoint.class);
                if (checkpoint.isEmpty()) {
                    fail(Kind.BAD_CHECKPOINT, entry, "the checkpoint record is malformed");
                    return false;
                }
                Optional<String> problem = key.problem(checkpoint.get());
                if (problem.isPresent()) {
                    fail(Kind.BAD_CHECKPOINT, entry, "checkpoint " + problem.get() + ": altered or forged");
                    return false;
                }
                if (!sameLog(entry, checkpoint.get().logId())) {
                    return false;
                }
                Entry signed = previous;
                if (signed == null
                        || checkpoint.get().sequence() != signed.sequence()
                        || !checkpoint.get().sha256().equals(signed.hash())) {
                    fail(
                            Kind.REWRITTEN,
                            entry,
                            "the checkpoint signed record " + checkpoint.get().sequence()
                                    + " with hash " + checkpoint.get().sha256().substring(0, 12)
                                    + "..., but the chain before"
                                    + " it now reads differently: records were rewritten after" + lastCheckpointText());
                    return false;
                }
                checkpoints++;
                lastCheckpoint = entry;
                return true;
            }
            if (action.equals(EventAction.AUDIT_RETENTION_APPLIED.actionName())) {
                subject(line, Subject.Retention.class).ifPresent(retentions::add);
                return true;
            }
            if (action.equals(EventAction.AUDIT_INTEGRITY_FAILURE.actionName())) {
                String detail = subject(line, Subject.LogState.class)
                        .map(Subject.LogState::detail)
                        .orElse("(unreadable detail)");
                fail(Kind.INTEGRITY_FAILURE, entry, "the writer found on start-up: " + detail);
                return false;
            }
            Optional<Subject.LogState> state = subject(line, Subject.LogState.class);
            return state.isEmpty() || sameLog(entry, state.get().logId());
        }

        private boolean sameLog(Entry entry, String recordLogId) {
            if (logId == null) {
                logId = recordLogId;
                return true;
            }
            if (!logId.equals(recordLogId)) {
                fail(
                        Kind.REPLACED,
                        entry,
                        "this record belongs to log " + recordLogId + ", not to log " + logId
                                + ": records or files of another log were put here");
                return false;
            }
            return true;
        }

        private String lastCheckpointText() {
            Entry checkpoint = lastCheckpoint;
            return checkpoint == null ? " they were signed" : " the last good checkpoint (" + checkpoint.at() + ")";
        }

        /** The end of the log against the signed anchor. */
        private void finish() {
            Entry last = previous;
            if (last == null) {
                fail(Kind.MISSING, files.getLast().name(), 0, "the log holds no records");
                return;
            }
            if (anchor.isEmpty()) {
                fail(
                        Kind.NO_ANCHOR,
                        last,
                        "no valid signed anchor beside the key: removal of records from the"
                                + " end of the log cannot be ruled out");
                return;
            }
            Subject.Checkpoint signed = anchor.get();
            if (logId != null && !signed.logId().equals(logId)) {
                fail(
                        Kind.REPLACED,
                        last,
                        "the signed anchor belongs to log " + signed.logId() + ", not to this log " + logId);
            } else if (signed.sequence() > last.sequence()) {
                fail(
                        Kind.TRUNCATED,
                        last,
                        "the log ends at record " + last.sequence() + " but the signed anchor"
                                + " vouches for record " + signed.sequence() + ": records " + (last.sequence() + 1)
                                + "-"
                                + signed.sequence() + " were removed from the end");
            } else if (signed.sequence() < last.sequence()) {
                notes.add(new Finding(
                        Kind.UNANCHORED_TAIL,
                        last.file(),
                        last.line(),
                        (last.sequence() - signed.sequence()) + " record(s) after the signed anchor (record "
                                + signed.sequence() + ") are not yet covered by a signature (a writer is running,"
                                + " or it stopped before re-signing)"));
            }
        }

        /** A log not starting at record 0 must have been cut by a recorded retention run. */
        private Optional<Finding> checkStart() {
            Entry start = first;
            if (start == null || start.sequence() == 0) {
                return Optional.empty();
            }
            for (Subject.Retention retention : retentions) {
                if (retention.firstSequence() == start.sequence()
                        && retention.firstPrevious().equals(start.previous())) {
                    Set<String> deleted = new HashSet<>(retention.deleted());
                    notes.add(new Finding(
                            Kind.PRUNED,
                            start.file(),
                            start.line(),
                            "records 0-"
                                    + (start.sequence() - 1) + " were removed by retention (" + deleted.size()
                                    + " file(s) in the last run)"));
                    return Optional.empty();
                }
            }
            return Optional.of(new Finding(
                    Kind.MISSING,
                    start.file(),
                    start.line(),
                    "the log starts at record "
                            + start.sequence() + ": records 0-" + (start.sequence() - 1)
                            + " are missing and no retention record explains it (files deleted)"));
        }

        private void fail(Kind kind, Entry entry, String message) {
            fail(kind, entry.file(), entry.line(), message);
        }

        private void fail(Kind kind, String file, int line, String message) {
            if (broken == null) {
                broken = new Finding(kind, file, line, message);
            }
        }

        private static <T extends Subject> Optional<T> subject(byte[] line, Class<T> type) {
            try {
                Subject subject = EventJson.parse(line).event().subject();
                return type.isInstance(subject) ? Optional.of(type.cast(subject)) : Optional.empty();
            } catch (EventJson.MalformedRecordException e) {
                return Optional.empty();
            }
        }
    }

    /** Names a chain break from the records around it. */
    private static final class Diagnosis {
        private Diagnosis() {}

        static Finding diagnose(Entry before, Entry current, List<Entry> after) {
            Optional<Entry> next = after.isEmpty() ? Optional.empty() : Optional.of(after.getFirst());
            if (next.isPresent() && before.precedes(next.get())) {
                if (next.get().precedes(current)) {
                    return new Finding(
                            Kind.REORDERED,
                            current.file(),
                            current.line(),
                            "records " + next.get().sequence()
                                    + " and " + current.sequence() + " are swapped (lines " + current.line() + " and "
                                    + next.get().line() + ")");
                }
                return new Finding(
                        Kind.INSERTED,
                        current.file(),
                        current.line(),
                        "this line is not part of the chain:"
                                + " the records before (" + before.at() + ") and after ("
                                + next.get().at()
                                + ") link to each other");
            }
            long expected = before.sequence() + 1;
            if (current.sequence() != expected) {
                if (current.previous().equals(before.hash())) {
                    return new Finding(
                            Kind.ALTERED,
                            current.file(),
                            current.line(),
                            "event.sequence was changed to " + current.sequence() + " (expected " + expected + ")");
                }
                for (Entry later : after) {
                    if (later.sequence() == expected && later.previous().equals(before.hash())) {
                        return new Finding(
                                Kind.REORDERED,
                                current.file(),
                                current.line(),
                                "record " + expected + " belongs here but stands at " + later.at()
                                        + ": records were moved");
                    }
                }
                if (current.sequence() > expected) {
                    return new Finding(
                            Kind.MISSING,
                            current.file(),
                            current.line(),
                            "record(s) " + expected
                                    + (current.sequence() - 1 > expected ? "-" + (current.sequence() - 1) : "")
                                    + " are missing between " + before.at() + " and this line (deleted)");
                }
                return new Finding(
                        Kind.INSERTED,
                        current.file(),
                        current.line(),
                        "this line repeats record number " + current.sequence() + " (expected " + expected
                                + "): a duplicated or inserted record");
            }
            if (!before.file().equals(current.file())) {
                return new Finding(
                        Kind.REPLACED,
                        current.file(),
                        current.line(),
                        "this file does not continue the" + " chain from " + before.at()
                                + ": the file was replaced, or that record altered");
            }
            if (next.isPresent() && current.precedes(next.get())) {
                return new Finding(
                        Kind.ALTERED,
                        before.file(),
                        before.line(),
                        "record " + before.sequence()
                                + " was altered: its SHA-256 no longer matches the prev_sha256 stored in line "
                                + current.line());
            }
            if (next.isPresent()) {
                return new Finding(
                        Kind.ALTERED,
                        current.file(),
                        current.line(),
                        "record " + current.sequence() + " was altered: it links neither to " + before.at()
                                + " nor from " + next.get().at());
            }
            return new Finding(
                    Kind.ALTERED,
                    before.file(),
                    before.line(),
                    "record " + before.sequence() + " was altered (or the prev_sha256 of the record after it, "
                            + current.at() + ")");
        }
    }
}
