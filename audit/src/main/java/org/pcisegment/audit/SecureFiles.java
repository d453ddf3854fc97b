package org.pcisegment.audit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.pcisegment.core.source.InputException;
import org.pcisegment.core.source.SourceSpan;

/**
 * Creates and checks the places the audit trail lives: directories {@code 0750} (log) and {@code
 * 0700} (key), files {@code 0600}, never in a world-writable directory, never through a symbolic
 * link, never in a directory another user owns.
 */
final class SecureFiles {
    static final Set<PosixFilePermission> LOG_DIRECTORY = PosixFilePermissions.fromString("rwxr-x---");
    static final Set<PosixFilePermission> KEY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");

    private SecureFiles() {}

    /**
     * Creates {@code directory} with {@code mode}, or checks an existing one: refused when it or an
     * ancestor can be written by every user (an ancestor with the sticky bit, like /tmp, is safe),
     * or when another user owns it; a looser mode is tightened to {@code mode}.
     */
    static Path prepareDirectory(Path directory, Set<PosixFilePermission> mode) {
        Path absolute = directory.toAbsolutePath().normalize();
        try {
            refuseWorldWritableAncestors(absolute);
            if (!Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
                Path parent = absolute.getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                try {
                    Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(mode));
                } catch (FileAlreadyExistsException raced) {
                    // Another process created it between the check and here: check it below.
                }
            }
            Path real = absolute.toRealPath();
            PosixFileAttributes attributes = posix(real);
            if (!attributes.isDirectory()) {
                throw refuse(absolute, "is not a directory");
            }
            if (attributes.permissions().contains(PosixFilePermission.OTHERS_WRITE)) {
                throw refuse(absolute, "is writable by every user (mode " + mode(attributes) + ")");
            }
            String me = currentUser();
            String owner = attributes.owner().getName();
            if (!owner.equals(me) && !(owner.equals("root") && me.equals("root"))) {
                throw refuse(absolute, "belongs to user '" + owner + "', not to '" + me + "'");
            }
            if (!attributes.permissions().equals(mode)) {
                Files.setPosixFilePermissions(real, mode);
            }
            return real;
        } catch (IOException e) {
            throw new AuditException("cannot prepare the audit directory " + absolute + ": " + describe(e), e);
        }
    }

    /** Every ancestor must not be world-writable unless sticky; checked by walking up. */
    private static void refuseWorldWritableAncestors(Path absolute) throws IOException {
        for (Path ancestor = absolute.getParent(); ancestor != null; ancestor = ancestor.getParent()) {
            if (!Files.exists(ancestor)) {
                continue;
            }
            Path real = ancestor.toRealPath();
            PosixFileAttributes attributes = posix(real);
            boolean worldWritable = attributes.permissions().contains(PosixFilePermission.OTHERS_WRITE);
            if (worldWritable && !isSticky(real)) {
                throw refuse(
                        absolute,
                        "lies in " + ancestor + ", which every user can write to (mode " + mode(attributes)
                                + ", no sticky bit): another user could replace the audit directory");
            }
        }
    }

    /** Opens a log file for appending; creates it {@code 0600} when {@code create} is true. */
    static FileChannel openForAppend(Path file, boolean create) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        if (create) {
            options.add(StandardOpenOption.CREATE_NEW);
            return FileChannel.open(file, Set.copyOf(options), PosixFilePermissions.asFileAttribute(PRIVATE_FILE));
        }
        FileChannel channel = FileChannel.open(
                file, Set.of(StandardOpenOption.WRITE, StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS));
        tighten(file);
        return channel;
    }

    /** Resets a file we own to {@code 0600} (an operator's chmod must not open the log to others). */
    static void tighten(Path file) throws IOException {
        if (!Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).equals(PRIVATE_FILE)) {
            Files.setPosixFilePermissions(file, PRIVATE_FILE);
        }
    }

    /** Writes a small file {@code 0600} atomically (temporary file, force, rename, force directory). */
    static void writeAtomically(Path file, byte[] content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        try (FileChannel channel = FileChannel.open(
                temporary,
                Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW),
                PosixFilePermissions.asFileAttribute(PRIVATE_FILE))) {
            channel.write(java.nio.ByteBuffer.wrap(content));
            channel.force(true);
        }
        Files.move(
                temporary,
                file,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(file.getParent());
    }

    /** Makes a directory's entries (new, renamed, deleted files) durable. */
    static void forceDirectory(@Nullable Path directory) throws IOException {
        if (directory == null) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    static String currentUser() {
        return System.getProperty("user.name", "");
    }

    private static PosixFileAttributes posix(Path path) throws IOException {
        return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    private static boolean isSticky(Path path) throws IOException {
        Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return mode instanceof Integer bits && (bits & 01000) != 0;
    }

    private static String mode(PosixFileAttributes attributes) {
        return PosixFilePermissions.toString(attributes.permissions());
    }

    private static InputException refuse(Path directory, String why) {
        return new InputException(
                SourceSpan.of(directory.toString()), "refusing to use this audit directory: it " + why);
    }

    static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }
}
