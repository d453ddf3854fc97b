package org.pcisegment.audit;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.pcisegment.core.json.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@code audit verify} found: the files and records checked, the first break of the chain (if
 * any), and notes that are not breaks (sealed torn lines, records not yet covered by the anchor,
 * files removed by retention).
 */
public record VerifyReport(
        Path directory,
        List<FileSummary> files,
        long records,
        int checkpoints,
        Optional<Subject.Checkpoint> anchor,
        List<Finding> notes,
        Optional<Finding> firstBreak) {

    /** One file and the records it held (up to the break, when there is one). */
    public record FileSummary(String name, long records, boolean compressed) {}

    /** Kinds of findings; all but the notes are breaks. */
    public enum Kind {
        ALTERED("altered"),
        MISSING("missing"),
        REORDERED("reordered"),
        INSERTED("inserted"),
        INVALID("invalid record"),
        TRUNCATED("truncated"),
        REPLACED("replaced"),
        BAD_CHECKPOINT("bad checkpoint"),
        REWRITTEN("rewritten"),
        INTEGRITY_FAILURE("integrity failure recorded"),
        NO_ANCHOR("no anchor"),
        TORN_SEALED("sealed torn lines"),
        INCOMPLETE_TAIL("incomplete last line"),
        UNANCHORED_TAIL("not yet anchored"),
        PRUNED("removed by retention");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public boolean isBreak() {
            return ordinal() < TORN_SEALED.ordinal();
        }
    }

    /** A finding at a file and line (line 0: the file, or the log as a whole). */
    public record Finding(Kind kind, String file, int line, String message) {
        public String location() {
            return file.isEmpty() ? "" : line > 0 ? file + ":" + line : file;
        }
    }

    public VerifyReport {
        files = List.copyOf(files);
        notes = List.copyOf(notes);
    }

    public boolean intact() {
        return firstBreak.isEmpty();
    }

    /** One line: "intact: 1234 records in 3 files, 12 checkpoints" or the break. */
    public String summary() {
        return firstBreak
                .map(b -> "BROKEN at " + b.location() + ": " + b.kind().label() + ": " + b.message())
                .orElse("intact: " + records + " records in " + files.size() + " file(s), " + checkpoints
                        + " checkpoint(s) verified");
    }

    /** The human report {@code audit verify} prints. */
    public String text() {
        StringBuilder out = new StringBuilder();
        out.append("[AUDIT LOG] ").append(directory).append('\n');
        for (FileSummary file : files) {
            out.append("   ")
                    .append(file.name())
                    .append("  ")
                    .append(file.records())
                    .append(" records")
                    .append('\n');
        }
        out.append("   Records: ")
                .append(records)
                .append(", checkpoints verified: ")
                .append(checkpoints)
                .append('\n');
        anchor.ifPresent(a -> out.append("   Signed anchor: record ")
                .append(a.sequence())
                .append(" (key ")
                .append(a.keyId())
                .append(")\n"));
        for (Finding note : notes) {
            out.append("   [NOTE] ")
                    .append(note.location())
                    .append(note.location().isEmpty() ? "" : ": ")
                    .append(note.message())
                    .append('\n');
        }
        out.append('\n');
        if (firstBreak.isPresent()) {
            Finding broken = firstBreak.get();
            out.append("[BROKEN] ")
                    .append(broken.location())
                    .append(broken.location().isEmpty() ? "" : ": ")
                    .append(broken.kind().label())
                    .append(": ")
                    .append(broken.message())
                    .append('\n');
        } else {
            out.append("[OK] Audit log intact: the hash chain, ")
                    .append(checkpoints)
                    .append(" signed checkpoint(s) and the signed anchor all agree\n");
        }
        return out.toString();
    }

    /** The JSON form of the report ({@code --format json}). */
    public String json() {
        ObjectNode root = Json.object();
        root.put("directory", directory.toString());
        root.put("intact", intact());
        root.put("records", records);
        root.put("checkpoints", checkpoints);
        ArrayNode fileArray = root.putArray("files");
        for (FileSummary file : files) {
            fileArray
                    .addObject()
                    .put("name", file.name())
                    .put("records", file.records())
                    .put("compressed", file.compressed());
        }
        anchor.ifPresent(a -> root.putObject("anchor")
                .put("sequence", a.sequence())
                .put("sha256", a.sha256())
                .put("key_id", a.keyId())
                .put("log_id", a.logId()));
        ArrayNode noteArray = root.putArray("notes");
        notes.forEach(note -> noteArray.add(finding(note)));
        firstBreak.ifPresent(b -> root.set("break", finding(b)));
        return Json.write(root);
    }

    private static ObjectNode finding(Finding finding) {
        ObjectNode node = Json.object();
        node.put("kind", finding.kind().name().toLowerCase(java.util.Locale.ROOT));
        node.put("file", finding.file());
        node.put("line", finding.line());
        node.put("message", finding.message());
        return node;
    }
}
