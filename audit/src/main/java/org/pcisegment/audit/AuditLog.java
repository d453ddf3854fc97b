package org.pcisegment.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * The audit log writer: appends hash-chained records to the current file, forces security events to
 * disk before {@link #record} returns, batches flow events with a bounded delay, writes signed
 * checkpoints and the anchor, rotates by size and day, compresses and deletes by retention, and on
 * opening seals what a crash left half-written. One writer per directory (a lock file enforces it).
 * Thread-safe.
 */
public final class AuditLog implements AuditSink, AutoCloseable {
    static final String LOCK_FILE = ".lock";

    private final AuditConfig config;
    private final Path directory;
    private final Path keyDirectory;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final CheckpointKey key;
    private final Anchor anchor;
    private final String logId;
    private final MessageDigest digest = Sha256.digest();
    private final ScheduledExecutorService flusher;
    private final EventJson.LineBuffer line = new EventJson.LineBuffer();
    private final byte[] buffer = new byte[1 << 16];
    private int buffered;

    private LogFile active;
    private FileChannel channel;
    private long fileSize;
    private long nextSequence;
    private String lastHash;
    private long forcedSequence;
    /** Guards the anchor file, which the flusher writes without holding the log's lock. */
    private final Object anchorLock = new Object();

    private long anchoredSequence;
    private int sinceCheckpoint;
    private boolean dirty;
    private boolean closed;
    private @Nullable AuditException failure;

    private AuditLog(
            AuditConfig config,
            Path directory,
            Path keyDirectory,
            FileChannel lockChannel,
            FileLock lock,
            CheckpointKey key,
            String logId,
            LogFile active,
            FileChannel channel,
            long fileSize,
            long nextSequence,
            String lastHash) {
        this.config = config;
        this.directory = directory;
        this.keyDirectory = keyDirectory;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.key = key;
        this.anchor = Anchor.forWriting(keyDirectory, key);
        this.logId = logId;
        this.active = active;
        this.channel = channel;
        this.fileSize = fileSize;
        this.nextSequence = nextSequence;
        this.lastHash = lastHash;
        this.forcedSequence = nextSequence - 1;
        this.anchoredSequence = nextSequence - 1;
        this.flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "audit-log-flusher");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Opens (or creates) the log: takes the writer lock, seals torn lines a crash left, checks the
     * tail against the signed anchor, records that the log started, rotates and applies retention
     * when due.
     */
    public static AuditLog open(AuditConfig config) {
        Path directory = SecureFiles.prepareDirectory(config.directory(), SecureFiles.LOG_DIRECTORY);
        Path keyDirectory = SecureFiles.prepareDirectory(config.keyDirectory(), SecureFiles.KEY_DIRECTORY);
        FileChannel lockChannel = null;
        try {
            lockChannel = FileChannel.open(
                    directory.resolve(LOCK_FILE),
                    Set.of(
                            StandardOpenOption.READ,
                            StandardOpenOption.WRITE,
                            StandardOpenOption.CREATE,
                            LinkOption.NOFOLLOW_LINKS),
                    PosixFilePermissions.asFileAttribute(SecureFiles.PRIVATE_FILE));
            FileLock lock = acquire(lockChannel, directory);
            AuditLog log = recover(config, directory, keyDirectory, lockChannel, lock);
            log.flusher.scheduleWithFixedDelay(
                    log::flushInBackground,
                    config.batchDelay().toNanos(),
                    config.batchDelay().toNanos(),
                    TimeUnit.NANOSECONDS);
            return log;
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw new AuditException("cannot open the audit log in " + directory + ": " + SecureFiles.describe(e), e);
        } catch (RuntimeException e) {
            closeQuietly(lockChannel);
            throw e;
        }
    }

    private static FileLock acquire(FileChannel lockChannel, Path directory) throws IOException {
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            throw new AuditException("the audit log in " + directory + " is already open in this process");
        }
        if (lock == null) {
            String holder =
                    new String(Files.readAllBytes(directory.resolve(LOCK_FILE)), StandardCharsets.US_ASCII).strip();
            throw new AuditException("the audit log in " + directory + " is being written by another process"
                    + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                    + "; one writer at a time keeps the chain intact");
        }
        lockChannel.truncate(0);
        lockChannel.write(
                ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        return lock;
    }

    private static AuditLog recover(
            AuditConfig config, Path directory, Path keyDirectory, FileChannel lockChannel, FileLock lock)
            throws IOException {
        List<LogFile> files = LogFile.list(directory);
        Instant now = config.clock().instant();
        if (files.isEmpty()) {
            CheckpointKey key = CheckpointKey.loadOrCreate(keyDirectory, true);
            Optional<Subject.Checkpoint> orphanAnchor = Anchor.read(keyDirectory, key);
            String logId = UUID.randomUUID().toString();
            LogFile first = new LogFile(directory.resolve(LogFile.name(0, now)), 0, now, false);
            FileChannel channel = SecureFiles.openForAppend(first.path(), true);
            SecureFiles.forceDirectory(directory);
            AuditLog log = new AuditLog(
                    config,
                    directory,
                    keyDirectory,
                    lockChannel,
                    lock,
                    key,
                    logId,
                    first,
                    channel,
                    0,
                    0,
                    EventJson.GENESIS_PREVIOUS);
            log.writeOwn(
                    EventAction.AUDIT_LOG_STARTED,
                    Outcome.SUCCESS,
                    "audit log started (new log " + logId + ")",
                    new Subject.LogState(logId, first.name(), "new log"));
            orphanAnchor.ifPresent(stale -> log.writeIntegrityFailure("the signed anchor in " + keyDirectory
                    + " vouches for log " + stale.logId() + " up to record " + stale.sequence()
                    + ", but " + directory + " holds no log files: the earlier log was deleted"));
            log.sync();
            // The other slot too: no anchor of an earlier log may outrank this log's.
            log.anchor.write(key.sign(logId, log.anchoredSequence, log.lastHash));
            return log;
        }
        CheckpointKey key = CheckpointKey.loadOrCreate(keyDirectory, false);
        String logId = readLogId(files);
        Optional<Subject.Checkpoint> anchored = Anchor.read(keyDirectory, key);
        LogTail tail = LogTail.scan(files);
        LogFile activeFile = tail.file();
        if (activeFile.compressed()) {
            throw new AuditException("the newest log file " + activeFile.path() + " is compressed; only rotated"
                    + " files are, so the directory was altered: run 'pci-segment audit verify'");
        }
        FileChannel channel = SecureFiles.openForAppend(activeFile.path(), false);
        AuditLog log = new AuditLog(
                config,
                directory,
                keyDirectory,
                lockChannel,
                lock,
                key,
                logId,
                activeFile,
                channel,
                tail.size(),
                tail.lastSequence() + 1,
                tail.lastHash());
        if (!tail.endsWithNewline()) {
            log.writeBytes(new byte[] {'\n'}, 1);
        }
        String how;
        if (tail.torn().isPresent()) {
            LogTail.Torn torn = tail.torn().get();
            log.writeOwn(
                    EventAction.AUDIT_TORN_RECORD_SEALED,
                    Outcome.SUCCESS,
                    "sealed " + (torn.lastLine() - torn.firstLine() + 1) + " torn line(s) " + activeFile.name() + ":"
                            + torn.firstLine() + "-" + torn.lastLine() + " left by an unclean stop",
                    new Subject.TornRecords(
                            activeFile.name(), torn.firstLine(), torn.lastLine(), torn.bytes(), torn.sha256()));
            how = "restarted after an unclean stop; torn lines sealed";
        } else if (tail.lastAction().equals(Optional.of(EventAction.AUDIT_CHECKPOINT.actionName()))
                && tail.previousAction().equals(Optional.of(EventAction.AUDIT_LOG_STOPPED.actionName()))) {
            how = "restarted after a clean stop";
        } else {
            how = "restarted after an unclean stop (no torn lines)";
        }
        log.checkAnchor(anchored, tail);
        log.writeOwn(
                EventAction.AUDIT_LOG_STARTED,
                Outcome.SUCCESS,
                "audit log " + how,
                new Subject.LogState(logId, activeFile.name(), how));
        log.sync();
        log.rotateIfDue(config.clock().instant());
        log.applyRetention();
        log.sync();
        return log;
    }

    /** Compares the recovered tail with the signed anchor; a mismatch is recorded as an integrity failure. */
    private void checkAnchor(Optional<Subject.Checkpoint> anchored, LogTail tail) {
        long last = tail.lastSequence();
        if (anchored.isEmpty()) {
            writeIntegrityFailure("no valid signed anchor in " + keyDirectory + " although the log holds " + (last + 1)
                    + " records: the anchor was removed, or the log was copied here");
            return;
        }
        Subject.Checkpoint anchor = anchored.get();
        if (!anchor.logId().equals(logId)) {
            writeIntegrityFailure("the signed anchor belongs to log " + anchor.logId() + ", not to this log " + logId
                    + ": the log directory was replaced");
        } else if (anchor.sequence() > last) {
            writeIntegrityFailure("records " + (last + 1) + "-" + anchor.sequence()
                    + ", vouched for by the signed anchor, are missing: the log was truncated");
        } else if (anchor.sequence() == last && !anchor.sha256().equals(tail.lastHash())) {
            writeIntegrityFailure(
                    "record " + last + " is not the record the signed anchor vouches for:" + " it was altered");
        }
    }

    private void writeIntegrityFailure(String detail) {
        writeOwn(
                EventAction.AUDIT_INTEGRITY_FAILURE,
                Outcome.FAILURE,
                "audit log integrity failure: " + detail,
                new Subject.LogState(logId, active.name(), detail));
    }

    private static String readLogId(List<LogFile> files) throws IOException {
        for (LogFile file : files.reversed()) {
            try (LineReader reader = LineReader.open(file)) {
                while (reader.next() && reader.number() <= 1000) {
                    Optional<EventJson.Link> link = EventJson.link(reader.bytes(), reader.length());
                    if (link.isEmpty() || !link.get().action().startsWith("audit-")) {
                        continue;
                    }
                    try {
                        Subject subject = EventJson.parse(reader.copy()).event().subject();
                        if (subject instanceof Subject.LogState state) {
                            return state.logId();
                        }
                        if (subject instanceof Subject.Checkpoint checkpoint) {
                            return checkpoint.logId();
                        }
                    } catch (EventJson.MalformedRecordException e) {
                        // Not readable: look further.
                    }
                }
            }
        }
        throw new AuditException("no record in " + files.getFirst().path().getParent()
                + " names the log's id: is this a pci-segment audit log? Run 'pci-segment audit verify'");
    }

    // ---- AuditSink --------------------------------------------------------------------------

    @Override
    public synchronized void record(AuditEvent event) {
        usable();
        try {
            append(event);
            sync();
        } catch (IOException e) {
            throw fail(e);
        }
    }

    @Override
    public synchronized void recordBatched(AuditEvent event) {
        if (!event.action().batchable()) {
            throw new IllegalArgumentException(
                    event.action().actionName() + " is a security event: it must go through record()");
        }
        usable();
        try {
            append(event);
            dirty = true;
        } catch (IOException e) {
            throw fail(e);
        }
    }

    /** Forces every record written so far to disk (batched ones included) and updates the anchor. */
    public synchronized void flush() {
        usable();
        try {
            sync();
        } catch (IOException e) {
            throw fail(e);
        }
    }

    /**
     * Verifies the whole log (after forcing what is buffered) and records the result as an {@code
     * audit-log-verified} event.
     */
    public synchronized VerifyReport verify() {
        flush();
        VerifyReport report = AuditVerifier.verify(
                directory,
                CheckpointKey.loadPublic(keyDirectory.resolve(CheckpointKey.PUBLIC_FILE)),
                Anchor.read(keyDirectory, key));
        record(AuditEvent.of(
                        EventAction.AUDIT_LOG_VERIFIED,
                        report.intact() ? Outcome.SUCCESS : Outcome.FAILURE,
                        "audit log verified: " + report.summary(),
                        new Subject.LogState(logId, active.name(), report.summary()))
                .withTimestamp(config.clock().instant()));
        return report;
    }

    public Path directory() {
        return directory;
    }

    public String logId() {
        return logId;
    }

    /** Stops the flusher, records the stop and a final checkpoint, forces everything and releases the lock. */
    @Override
    public void close() {
        flusher.shutdown();
        try {
            flusher.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (failure == null) {
                    writeOwn(
                            EventAction.AUDIT_LOG_STOPPED,
                            Outcome.SUCCESS,
                            "audit log stopped",
                            new Subject.LogState(logId, active.name(), "stopped"));
                    writeCheckpoint();
                    sync();
                }
            } catch (IOException e) {
                throw fail(e);
            } finally {
                closeQuietly(channel);
                try {
                    lock.release();
                } catch (IOException e) {
                    // Closing the channel releases it as well.
                }
                closeQuietly(lockChannel);
            }
        }
    }

    // ---- writing ----------------------------------------------------------------------------

    private void usable() {
        if (failure != null) {
            throw new AuditException(
                    "the audit log failed earlier and accepts no more records until it is" + " reopened: "
                            + failure.getMessage(),
                    failure);
        }
        if (closed) {
            throw new AuditException("the audit log is closed");
        }
    }

    private AuditException fail(IOException e) {
        AuditException exception =
                new AuditException("cannot write the audit log in " + directory + ": " + SecureFiles.describe(e), e);
        failure = exception;
        return exception;
    }

    /**
     * The flusher's pass: hands buffered records to the OS under the lock, then forces the file and
     * re-signs the anchor without holding it, so appends go on while the disk works.
     */
    private void flushInBackground() {
        FileChannel target;
        long last;
        String hash;
        synchronized (this) {
            if (!dirty || closed || failure != null) {
                return;
            }
            try {
                flushBuffer();
            } catch (IOException e) {
                fail(e);
                return;
            }
            dirty = false;
            last = nextSequence - 1;
            hash = lastHash;
            if (last <= forcedSequence) {
                return;
            }
            target = channel;
        }
        try {
            target.force(false);
        } catch (ClosedChannelException e) {
            return; // rotated meanwhile: rotation forced the file, these records included, before closing it
        } catch (IOException e) {
            synchronized (this) {
                fail(e);
            }
            return;
        }
        synchronized (this) {
            forcedSequence = Math.max(forcedSequence, last);
        }
        try {
            signAnchor(last, hash);
        } catch (IOException e) {
            synchronized (this) {
                fail(e);
            }
        }
    }

    /** An event from outside: rotate when due, write it, and checkpoint every so many records. */
    private void append(AuditEvent event) throws IOException {
        rotateIfDue(config.clock().instant());
        write(event);
        if (++sinceCheckpoint >= config.checkpointEvery()) {
            writeCheckpoint();
        }
    }

    private void writeOwn(EventAction action, Outcome outcome, String message, Subject subject) {
        write(AuditEvent.of(action, outcome, message, subject)
                .withTimestamp(config.clock().instant()));
    }

    /** Signs the record just written; the checkpoint record is chained like any other. */
    private void writeCheckpoint() {
        Subject.Checkpoint checkpoint = key.sign(logId, nextSequence - 1, lastHash);
        writeOwn(
                EventAction.AUDIT_CHECKPOINT,
                Outcome.SUCCESS,
                "checkpoint: record " + checkpoint.sequence() + " signed",
                checkpoint);
        sinceCheckpoint = 0;
    }

    private void write(AuditEvent event) {
        EventJson.write(new AuditRecord(nextSequence, lastHash, event), line);
        int length = line.size();
        if (length >= LineReader.MAX_LINE) {
            throw new IllegalArgumentException("an audit record may not exceed " + LineReader.MAX_LINE + " bytes; this "
                    + event.action().actionName() + " event has " + length);
        }
        line.write('\n');
        try {
            writeBytes(line.array(), length + 1);
        } catch (IOException e) {
            throw fail(e);
        }
        lastHash = Sha256.of(digest, line.array(), length);
        nextSequence++;
    }

    private void writeBytes(byte[] bytes, int length) throws IOException {
        if (buffered + length > buffer.length) {
            flushBuffer();
        }
        if (length > buffer.length) {
            writeFully(ByteBuffer.wrap(bytes, 0, length));
        } else {
            System.arraycopy(bytes, 0, buffer, buffered, length);
            buffered += length;
        }
        fileSize += length;
    }

    private void flushBuffer() throws IOException {
        if (buffered > 0) {
            writeFully(ByteBuffer.wrap(buffer, 0, buffered));
            buffered = 0;
        }
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /** Forces the file and then re-signs the anchor: the anchor never vouches for what is not on disk. */
    private void sync() throws IOException {
        flushBuffer();
        dirty = false;
        long last = nextSequence - 1;
        if (last == forcedSequence) {
            return;
        }
        channel.force(false);
        forcedSequence = last;
        signAnchor(last, lastHash);
    }

    /** Re-signs the anchor for a forced record; anchors only move forward. */
    private void signAnchor(long sequence, String hash) throws IOException {
        synchronized (anchorLock) {
            if (sequence > anchoredSequence) {
                anchor.write(key.sign(logId, sequence, hash));
                anchoredSequence = sequence;
            }
        }
    }

    // ---- rotation and retention -------------------------------------------------------------

    private void rotateIfDue(Instant now) throws IOException {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate fileDay = LocalDate.ofInstant(active.started(), ZoneOffset.UTC);
        String reason;
        if (fileSize >= config.maxFileBytes()) {
            reason = "size limit " + config.maxFileBytes() + " bytes reached";
        } else if (today.isAfter(fileDay)) {
            reason = "new day " + today;
        } else {
            return;
        }
        String previous = active.name();
        writeCheckpoint();
        sync();
        channel.close();
        LogFile next = new LogFile(directory.resolve(LogFile.name(nextSequence, now)), nextSequence, now, false);
        channel = SecureFiles.openForAppend(next.path(), true);
        SecureFiles.forceDirectory(directory);
        active = next;
        fileSize = 0;
        writeOwn(
                EventAction.AUDIT_LOG_ROTATED,
                Outcome.SUCCESS,
                "audit log rotated: " + reason,
                new Subject.LogState(logId, next.name(), "continues " + previous + " (" + reason + ")"));
        applyRetention();
    }

    /**
     * Compresses rotated files older than the uncompressed window and deletes those older than the
     * retention period, oldest first; the file being written is never touched. A file's age is that
     * of its newest record, bounded by the start of the file after it.
     */
    private void applyRetention() throws IOException {
        Instant now = config.clock().instant();
        Instant deleteBefore = config.retention().deleteBefore(now);
        Instant compressBefore = config.retention().compressBefore(now);
        removeTemporaryFiles();
        List<LogFile> files = LogFile.list(directory);
        List<String> compressed = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        boolean deleting = true;
        for (int i = 0; i < files.size() - 1; i++) {
            LogFile file = files.get(i);
            Instant newestRecord = files.get(i + 1).started();
            if (deleting && newestRecord.isBefore(deleteBefore)) {
                Files.deleteIfExists(file.path());
                Files.deleteIfExists(file.gzipPath());
                deleted.add(file.name());
                continue;
            }
            deleting = false;
            if (!file.compressed() && newestRecord.isBefore(compressBefore)) {
                compress(file);
                compressed.add(file.gzipPath().getFileName().toString());
            }
        }
        if (compressed.isEmpty() && deleted.isEmpty()) {
            return;
        }
        SecureFiles.forceDirectory(directory);
        EventJson.Link first = firstLink(LogFile.list(directory).getFirst());
        writeOwn(
                EventAction.AUDIT_RETENTION_APPLIED,
                Outcome.SUCCESS,
                "retention: " + compressed.size() + " file(s) compressed, " + deleted.size() + " deleted",
                new Subject.Retention(compressed, deleted, first.sequence(), first.previousSha256()));
    }

    private static EventJson.Link firstLink(LogFile file) throws IOException {
        try (LineReader reader = LineReader.open(file)) {
            while (reader.next()) {
                Optional<EventJson.Link> link = EventJson.link(reader.bytes(), reader.length());
                if (link.isPresent()) {
                    return link.get();
                }
            }
        }
        throw new AuditException("the oldest kept log file " + file.path() + " holds no record");
    }

    /** gzip to a temporary file, force, rename into place, then remove the plain file. */
    private void compress(LogFile file) throws IOException {
        Path temporary = directory.resolve(file.name() + ".gz.tmp");
        try (FileChannel out = FileChannel.open(
                        temporary,
                        Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW),
                        PosixFilePermissions.asFileAttribute(SecureFiles.PRIVATE_FILE));
                InputStream in = Files.newInputStream(file.path(), LinkOption.NOFOLLOW_LINKS)) {
            GZIPOutputStream gzip = new GZIPOutputStream(Channels.newOutputStream(out), 1 << 16);
            in.transferTo(gzip);
            gzip.finish();
            out.force(true);
        }
        Files.move(temporary, file.gzipPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        SecureFiles.forceDirectory(directory);
        Files.delete(file.path());
    }

    private void removeTemporaryFiles() throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory, "audit-*.tmp")) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    private static void closeQuietly(@Nullable FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Nothing more to do while already failing or closing.
            }
        }
    }
}
