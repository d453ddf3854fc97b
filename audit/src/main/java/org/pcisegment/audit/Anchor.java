package org.pcisegment.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import org.pcisegment.core.json.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The latest signed checkpoint, kept beside the key (outside the log directory) and rewritten after
 * every forced write, so that removing records from the end of the log is detected. Two slots are
 * written in turn: a crash while writing one leaves the other intact.
 */
final class Anchor {
    static final String[] SLOTS = {"audit-anchor-a.json", "audit-anchor-b.json"};

    private final Path keyDirectory;
    private int nextSlot;

    private Anchor(Path keyDirectory, int nextSlot) {
        this.keyDirectory = keyDirectory;
        this.nextSlot = nextSlot;
    }

    /** Opens the anchor for writing; the slot not holding the newest checkpoint is written first. */
    static Anchor forWriting(Path keyDirectory, CheckpointKey key) {
        int newest = -1;
        long best = -1;
        for (int slot = 0; slot < SLOTS.length; slot++) {
            Optional<Subject.Checkpoint> checkpoint = readSlot(keyDirectory.resolve(SLOTS[slot]), key);
            if (checkpoint.isPresent() && checkpoint.get().sequence() > best) {
                best = checkpoint.get().sequence();
                newest = slot;
            }
        }
        return new Anchor(keyDirectory, newest == 0 ? 1 : 0);
    }

    /** The newest anchor whose signature this key verifies; empty when there is none. */
    static Optional<Subject.Checkpoint> read(Path keyDirectory, CheckpointKey key) {
        Optional<Subject.Checkpoint> best = Optional.empty();
        for (String slot : SLOTS) {
            Optional<Subject.Checkpoint> checkpoint = readSlot(keyDirectory.resolve(slot), key);
            if (checkpoint.isPresent()
                    && (best.isEmpty()
                            || checkpoint.get().sequence() > best.get().sequence())) {
                best = checkpoint;
            }
        }
        return best;
    }

    private static Optional<Subject.Checkpoint> readSlot(Path slot, CheckpointKey key) {
        try {
            if (!Files.exists(slot, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            JsonNode node = Json.MAPPER.readTree(Files.readAllBytes(slot));
            Subject.Checkpoint checkpoint = new Subject.Checkpoint(
                    node.path("log_id").asString(),
                    node.path("sequence").asLong(-1),
                    node.path("sha256").asString(),
                    node.path("key_id").asString(),
                    node.path("signature").asString());
            return checkpoint.sequence() >= 0 && key.problem(checkpoint).isEmpty()
                    ? Optional.of(checkpoint)
                    : Optional.empty();
        } catch (IOException | JacksonException | IllegalArgumentException e) {
            // A slot torn by a crash, or damaged: the other slot holds the anchor.
            return Optional.empty();
        }
    }

    /** Writes {@code checkpoint} into the next slot and forces it to disk. */
    void write(Subject.Checkpoint checkpoint) throws IOException {
        ObjectNode node = Json.object();
        node.put("log_id", checkpoint.logId());
        node.put("sequence", checkpoint.sequence());
        node.put("sha256", checkpoint.sha256());
        node.put("key_id", checkpoint.keyId());
        node.put("signature", checkpoint.signature());
        byte[] content = (node.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        Path slot = keyDirectory.resolve(SLOTS[nextSlot]);
        boolean created = !Files.exists(slot, LinkOption.NOFOLLOW_LINKS);
        try (FileChannel channel = FileChannel.open(
                slot,
                Set.of(
                        StandardOpenOption.WRITE,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING,
                        LinkOption.NOFOLLOW_LINKS),
                PosixFilePermissions.asFileAttribute(SecureFiles.PRIVATE_FILE))) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        }
        if (created) {
            SecureFiles.forceDirectory(keyDirectory);
        }
        nextSlot = 1 - nextSlot;
    }
}
