package org.pcisegment.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pcisegment.core.json.Json;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.IpFamily;
import org.pcisegment.core.policy.Direction;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;

/**
 * The one record format: an event as a single line of JSON with Elastic Common Schema field names
 * ({@code @timestamp}, {@code event.*}, {@code host.name}, {@code user.name}, {@code source.*},
 * {@code destination.*}, {@code network.*}, {@code rule.*}, {@code cloud.*}, {@code file.name},
 * {@code error.message}, {@code labels}, {@code message}); what ECS has no field for lives under
 * {@code pci_segment.*}. See audit/FORMAT.md.
 */
public final class EventJson {
    public static final String ECS_VERSION = "8.11.0";
    public static final String GENESIS_PREVIOUS = "0".repeat(64);

    private static final JsonFactory FACTORY = new JsonFactory();

    private EventJson() {}

    /** The record's line (UTF-8, no newline). */
    public static byte[] write(AuditRecord record) {
        LineBuffer buffer = new LineBuffer();
        write(record, buffer);
        return buffer.toByteArray();
    }

    /** A reusable buffer for lines; the writer hashes and copies straight out of it. */
    static final class LineBuffer extends ByteArrayOutputStream {
        LineBuffer() {
            super(2048);
        }

        byte[] array() {
            return buf;
        }
    }

    /** Writes the record's line into {@code buffer} (which is reset first). */
    static void write(AuditRecord record, LineBuffer buffer) {
        buffer.reset();
        try (JsonGenerator json = FACTORY.createGenerator(ObjectWriteContext.empty(), buffer)) {
            write(json, record);
        }
    }

    private static void write(JsonGenerator json, AuditRecord record) {
        AuditEvent event = record.event();
        EventAction action = event.action();
        json.writeStartObject();
        json.writeStringProperty("@timestamp", DateTimeFormatter.ISO_INSTANT.format(event.timestamp()));
        json.writeObjectPropertyStart("ecs");
        json.writeStringProperty("version", ECS_VERSION);
        json.writeEndObject();
        json.writeObjectPropertyStart("event");
        json.writeNumberProperty("sequence", record.sequence());
        json.writeStringProperty("action", action.actionName());
        json.writeStringProperty("kind", action.ecsKind());
        stringArray(json, "category", action.ecsCategories());
        stringArray(json, "type", action.ecsTypes());
        json.writeStringProperty("outcome", event.outcome().ecsName());
        json.writeStringProperty("module", "pci_segment");
        json.writeStringProperty("dataset", "pci_segment.audit");
        json.writeEndObject();
        json.writeStringProperty("message", event.message());
        json.writeObjectPropertyStart("host");
        json.writeStringProperty("name", event.host());
        json.writeEndObject();
        json.writeObjectPropertyStart("user");
        json.writeStringProperty("name", event.user().name());
        json.writeEndObject();
        writeEcsSubject(json, event.subject());
        if (event.error().isPresent()) {
            json.writeObjectPropertyStart("error");
            json.writeStringProperty("message", event.error().get());
            json.writeEndObject();
        }
        if (!event.labels().isEmpty()) {
            json.writeObjectPropertyStart("labels");
            for (Map.Entry<String, String> label : event.labels().entrySet()) {
                json.writeStringProperty(label.getKey(), label.getValue());
            }
            json.writeEndObject();
        }
        json.writeObjectPropertyStart("pci_segment");
        json.writeStringProperty("principal", event.user().kind().ecsName());
        writeCustomSubject(json, event.subject());
        json.writeObjectPropertyStart("chain");
        json.writeStringProperty("prev_sha256", record.previousSha256());
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndObject();
    }

    /** The parts of a subject that have an ECS home. */
    private static void writeEcsSubject(JsonGenerator json, Subject subject) {
        switch (subject) {
            case Subject.PolicyChange policy -> {
                json.writeObjectPropertyStart("rule");
                stringArray(json, "name", policy.policies());
                json.writeEndObject();
            }
            case Subject.NetworkFlow flow -> {
                json.writeObjectPropertyStart("source");
                json.writeStringProperty("ip", flow.source().toString());
                if (flow.hasPorts()) {
                    json.writeNumberProperty("port", flow.sourcePort());
                }
                json.writeEndObject();
                json.writeObjectPropertyStart("destination");
                json.writeStringProperty("ip", flow.destination().toString());
                if (flow.hasPorts()) {
                    json.writeNumberProperty("port", flow.destinationPort());
                }
                json.writeEndObject();
                json.writeObjectPropertyStart("network");
                json.writeStringProperty("transport", flow.transport());
                json.writeStringProperty("iana_number", Integer.toString(flow.protocolNumber()));
                json.writeStringProperty("type", flow.source().family() == IpFamily.V4 ? "ipv4" : "ipv6");
                json.writeStringProperty("direction", flow.direction() == Direction.INGRESS ? "ingress" : "egress");
                json.writeNumberProperty("packets", flow.packets());
                json.writeEndObject();
                if (flow.policy().isPresent() || flow.ruleId().isPresent()) {
                    json.writeObjectPropertyStart("rule");
                    optionalString(json, "name", flow.policy());
                    optionalString(json, "id", flow.ruleId());
                    json.writeEndObject();
                }
            }
            case Subject.CloudChange cloud -> {
                json.writeObjectPropertyStart("cloud");
                json.writeStringProperty("provider", cloud.provider());
                if (cloud.account().isPresent()) {
                    json.writeObjectPropertyStart("account");
                    json.writeStringProperty("id", cloud.account().get());
                    json.writeEndObject();
                }
                optionalString(json, "region", cloud.region());
                json.writeEndObject();
            }
            case Subject.LogState state -> fileName(json, state.file());
            case Subject.TornRecords torn -> fileName(json, torn.file());
            case Subject.Enforcement enforcement -> {
                // Only custom fields.
            }
            case Subject.SegmentationTest test -> {
                // Only custom fields.
            }
            case Subject.Checkpoint checkpoint -> {
                // Only custom fields.
            }
            case Subject.Retention retention -> {
                // Only custom fields.
            }
        }
    }

    /** The parts of a subject ECS has no field for, under {@code pci_segment}. */
    private static void writeCustomSubject(JsonGenerator json, Subject subject) {
        switch (subject) {
            case Subject.PolicyChange policy -> {
                optionalString(json, "backend", policy.backend());
                json.writeObjectPropertyStart("policy_set");
                json.writeStringProperty("sha256", policy.policySetSha256());
                stringArray(json, "files", policy.files());
                if (policy.diff().isPresent()) {
                    Subject.PolicyDiff diff = policy.diff().get();
                    json.writeObjectPropertyStart("diff");
                    json.writeStringProperty("previous_sha256", diff.previousSha256());
                    stringArray(json, "added", diff.added());
                    stringArray(json, "removed", diff.removed());
                    stringArray(json, "changed", diff.changed());
                    json.writeStringProperty("summary", diff.summary());
                    json.writeEndObject();
                }
                json.writeEndObject();
            }
            case Subject.Enforcement enforcement -> {
                json.writeStringProperty("backend", enforcement.backend());
                policySetHash(json, enforcement.policySetSha256());
            }
            case Subject.CloudChange cloud -> {
                json.writeObjectPropertyStart("cloud");
                stringArray(json, "resources", cloud.resources());
                json.writeEndObject();
                policySetHash(json, cloud.policySetSha256());
            }
            case Subject.SegmentationTest test -> {
                json.writeObjectPropertyStart("segtest");
                json.writeNumberProperty("probes", test.probes());
                json.writeNumberProperty("failed", test.failures().size());
                stringArray(json, "failures", test.failures());
                json.writeEndObject();
                policySetHash(json, test.policySetSha256());
            }
            case Subject.LogState state -> {
                json.writeObjectPropertyStart("audit");
                json.writeStringProperty("log_id", state.logId());
                json.writeStringProperty("detail", state.detail());
                json.writeEndObject();
            }
            case Subject.Checkpoint checkpoint -> {
                json.writeObjectPropertyStart("checkpoint");
                json.writeStringProperty("log_id", checkpoint.logId());
                json.writeNumberProperty("sequence", checkpoint.sequence());
                json.writeStringProperty("sha256", checkpoint.sha256());
                json.writeStringProperty("key_id", checkpoint.keyId());
                json.writeStringProperty("signature", checkpoint.signature());
                json.writeEndObject();
            }
            case Subject.TornRecords torn -> {
                json.writeObjectPropertyStart("torn");
                json.writeNumberProperty("first_line", torn.firstLine());
                json.writeNumberProperty("last_line", torn.lastLine());
                json.writeNumberProperty("bytes", torn.bytes());
                json.writeStringProperty("sha256", torn.sha256());
                json.writeEndObject();
            }
            case Subject.Retention retention -> {
                json.writeObjectPropertyStart("retention");
                stringArray(json, "compressed", retention.compressed());
                stringArray(json, "deleted", retention.deleted());
                json.writeNumberProperty("first_sequence", retention.firstSequence());
                json.writeStringProperty("first_previous", retention.firstPrevious());
                json.writeEndObject();
            }
            case Subject.NetworkFlow flow -> {
                // Everything has an ECS field.
            }
        }
    }

    private static void fileName(JsonGenerator json, String file) {
        json.writeObjectPropertyStart("file");
        json.writeStringProperty("name", file);
        json.writeEndObject();
    }

    private static void policySetHash(JsonGenerator json, Optional<String> sha256) {
        if (sha256.isPresent()) {
            json.writeObjectPropertyStart("policy_set");
            json.writeStringProperty("sha256", sha256.get());
            json.writeEndObject();
        }
    }

    private static void optionalString(JsonGenerator json, String name, Optional<String> value) {
        if (value.isPresent()) {
            json.writeStringProperty(name, value.get());
        }
    }

    private static void stringArray(JsonGenerator json, String name, List<String> values) {
        json.writeArrayPropertyStart(name);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    // ---- reading ---------------------------------------------------------------------------

    /** A line that is not a well-formed audit record; the message names the field. */
    public static final class MalformedRecordException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedRecordException(String message) {
            super(message);
        }
    }

    /** Reads one line back into a record, checking every field the format requires. */
    public static AuditRecord parse(byte[] line) throws MalformedRecordException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(line);
        } catch (JacksonException e) {
            throw new MalformedRecordException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MalformedRecordException("not a JSON object");
        }
        Fields fields = new Fields(root);
        String actionName = fields.text("event.action");
        EventAction action = EventAction.fromActionName(actionName)
                .orElseThrow(() -> new MalformedRecordException("unknown event.action '" + actionName + "'"));
        String outcomeName = fields.text("event.outcome");
        Outcome outcome = Outcome.fromEcs(outcomeName)
                .orElseThrow(() -> new MalformedRecordException("unknown event.outcome '" + outcomeName + "'"));
        String kindName = fields.text("pci_segment.principal");
        Principal.Kind kind = Principal.Kind.fromEcs(kindName)
                .orElseThrow(() -> new MalformedRecordException("unknown pci_segment.principal '" + kindName + "'"));
        Map<String, String> labels = new LinkedHashMap<>();
        JsonNode labelNode = root.path("labels");
        if (labelNode.isObject()) {
            for (Map.Entry<String, JsonNode> label : labelNode.properties()) {
                labels.put(label.getKey(), label.getValue().asString());
            }
        }
        try {
            AuditEvent event = new AuditEvent(
                    fields.instant("@timestamp"),
                    action,
                    outcome,
                    fields.text("host.name"),
                    new Principal(fields.text("user.name"), kind),
                    fields.text("message"),
                    readSubject(action, fields),
                    fields.optionalText("error.message"),
                    labels);
            return new AuditRecord(
                    fields.nonNegativeLong("event.sequence"), fields.sha256("pci_segment.chain.prev_sha256"), event);
        } catch (IllegalArgumentException e) {
            throw new MalformedRecordException(String.valueOf(e.getMessage()));
        }
    }

    private static Subject readSubject(EventAction action, Fields f) throws MalformedRecordException {
        return switch (action) {
            case POLICY_VALIDATED, POLICY_APPLIED, POLICY_CHANGED, POLICY_REMOVED -> readPolicy(f);
            case ENFORCEMENT_STARTED, ENFORCEMENT_STOPPED, ENFORCEMENT_FAILED ->
                new Subject.Enforcement(f.text("pci_segment.backend"), f.optionalText("pci_segment.policy_set.sha256"));
            case FLOW_DENIED, FLOW_ALLOWED -> readFlow(f);
            case CLOUD_CHANGED ->
                new Subject.CloudChange(
                        f.text("cloud.provider"),
                        f.optionalText("cloud.account.id"),
                        f.optionalText("cloud.region"),
                        f.texts("pci_segment.cloud.resources"),
                        f.optionalText("pci_segment.policy_set.sha256"));
            case SEGMENTATION_TESTED ->
                new Subject.SegmentationTest(
                        f.intIn("pci_segment.segtest.probes", 0, Integer.MAX_VALUE),
                        f.texts("pci_segment.segtest.failures"),
                        f.optionalText("pci_segment.policy_set.sha256"));
            case AUDIT_LOG_STARTED, AUDIT_LOG_STOPPED, AUDIT_LOG_ROTATED, AUDIT_LOG_VERIFIED, AUDIT_INTEGRITY_FAILURE ->
                new Subject.LogState(
                        f.text("pci_segment.audit.log_id"), f.text("file.name"), f.text("pci_segment.audit.detail"));
            case AUDIT_CHECKPOINT ->
                new Subject.Checkpoint(
                        f.text("pci_segment.checkpoint.log_id"),
                        f.nonNegativeLong("pci_segment.checkpoint.sequence"),
                        f.sha256("pci_segment.checkpoint.sha256"),
                        f.text("pci_segment.checkpoint.key_id"),
                        f.text("pci_segment.checkpoint.signature"));
            case AUDIT_TORN_RECORD_SEALED ->
                new Subject.TornRecords(
                        f.text("file.name"),
                        f.intIn("pci_segment.torn.first_line", 1, Integer.MAX_VALUE),
                        f.intIn("pci_segment.torn.last_line", 1, Integer.MAX_VALUE),
                        f.nonNegativeLong("pci_segment.torn.bytes"),
                        f.sha256("pci_segment.torn.sha256"));
            case AUDIT_RETENTION_APPLIED ->
                new Subject.Retention(
                        f.texts("pci_segment.retention.compressed"),
                        f.texts("pci_segment.retention.deleted"),
                        f.nonNegativeLong("pci_segment.retention.first_sequence"),
                        f.sha256("pci_segment.retention.first_previous"));
        };
    }

    private static Subject.PolicyChange readPolicy(Fields f) throws MalformedRecordException {
        Optional<Subject.PolicyDiff> diff = Optional.empty();
        if (f.has("pci_segment.policy_set.diff")) {
            diff = Optional.of(new Subject.PolicyDiff(
                    f.sha256("pci_segment.policy_set.diff.previous_sha256"),
                    f.texts("pci_segment.policy_set.diff.added"),
                    f.texts("pci_segment.policy_set.diff.removed"),
                    f.texts("pci_segment.policy_set.diff.changed")));
        }
        return new Subject.PolicyChange(
                f.sha256("pci_segment.policy_set.sha256"),
                f.texts("rule.name"),
                f.texts("pci_segment.policy_set.files"),
                f.optionalText("pci_segment.backend"),
                diff);
    }

    private static Subject.NetworkFlow readFlow(Fields f) throws MalformedRecordException {
        int protocol = f.intIn("network.iana_number", 0, 255);
        boolean ports = protocol == 6 || protocol == 17 || protocol == 132;
        return new Subject.NetworkFlow(
                f.address("source.ip"),
                ports ? f.intIn("source.port", 0, 65535) : 0,
                f.address("destination.ip"),
                ports ? f.intIn("destination.port", 0, 65535) : 0,
                protocol,
                direction(f.text("network.direction")),
                f.nonNegativeLong("network.packets"),
                f.optionalText("rule.name"),
                f.optionalText("rule.id"));
    }

    private static Direction direction(String name) throws MalformedRecordException {
        for (Direction direction : Direction.values()) {
            if (direction.sectionField().equals(name)) {
                return direction;
            }
        }
        throw new MalformedRecordException("network.direction must be ingress or egress, got '" + name + "'");
    }

    /** Typed access to dotted paths of a parsed record, failing with the path's name. */
    private record Fields(JsonNode root) {
        JsonNode node(String path) {
            JsonNode node = root;
            for (String part : path.split("\\.")) {
                node = node.path(part);
            }
            return node;
        }

        boolean has(String path) {
            return !node(path).isMissingNode();
        }

        String text(String path) throws MalformedRecordException {
            JsonNode node = node(path);
            if (!node.isString()) {
                throw new MalformedRecordException(path + " must be a string");
            }
            return node.stringValue();
        }

        Optional<String> optionalText(String path) throws MalformedRecordException {
            return has(path) ? Optional.of(text(path)) : Optional.empty();
        }

        List<String> texts(String path) throws MalformedRecordException {
            JsonNode node = node(path);
            if (!node.isArray()) {
                throw new MalformedRecordException(path + " must be an array of strings");
            }
            List<String> values = new ArrayList<>(node.size());
            for (JsonNode element : node) {
                if (!element.isString()) {
                    throw new MalformedRecordException(path + " must be an array of strings");
                }
                values.add(element.stringValue());
            }
            return values;
        }

        long nonNegativeLong(String path) throws MalformedRecordException {
            JsonNode node = node(path);
            if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
                throw new MalformedRecordException(path + " must be a non-negative integer");
            }
            return node.longValue();
        }

        int intIn(String path, int min, int max) throws MalformedRecordException {
            JsonNode node = node(path);
            long value;
            if (node.isString()) {
                try {
                    value = Long.parseLong(node.stringValue());
                } catch (NumberFormatException e) {
                    throw new MalformedRecordException(path + " must be a number");
                }
            } else if (node.isIntegralNumber() && node.canConvertToLong()) {
                value = node.longValue();
            } else {
                throw new MalformedRecordException(path + " must be a number");
            }
            if (value < min || value > max) {
                throw new MalformedRecordException(path + " must be within " + min + "-" + max);
            }
            return (int) value;
        }

        String sha256(String path) throws MalformedRecordException {
            String value = text(path);
            if (!Sha256.isHex(value)) {
                throw new MalformedRecordException(path + " must be 64 lower-case hex digits");
            }
            return value;
        }

        Instant instant(String path) throws MalformedRecordException {
            String value = text(path);
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new MalformedRecordException(path + " must be an ISO-8601 UTC instant, got '" + value + "'");
            }
        }

        IpAddress address(String path) throws MalformedRecordException {
            String value = text(path);
            return IpAddress.parse(value)
                    .orElseThrow(
                            () -> new MalformedRecordException(path + " must be an IP address, got '" + value + "'"));
        }
    }

    // ---- the verifier's fast path ----------------------------------------------------------

    /** The chain fields of a line: sequence, previous hash and action, read without building a tree. */
    public record Link(long sequence, String previousSha256, String action) {}

    private static final byte[] SEQUENCE = "\"event\":{\"sequence\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ACTION = ",\"action\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHAIN = ",\"chain\":{\"prev_sha256\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\"}}}".getBytes(StandardCharsets.US_ASCII);

    /**
     * Reads the chain fields of a line from the fixed places the writer puts them ({@code
     * event.sequence} and {@code event.action} near the start, {@code prev_sha256} as the line's last
     * field), without tokenising the rest: the verifier does this for every line. A line that does not
     * have this layout is not a record. Nothing is lost by not parsing the middle: any change to a
     * line's bytes changes its hash and breaks the link to the next record.
     */
    public static Optional<Link> link(byte[] line, int length) {
        int previousAt = length - END.length - 64;
        int chainAt = previousAt - CHAIN.length;
        if (chainAt < 1 || line[0] != '{' || !at(line, chainAt, CHAIN) || !at(line, length - END.length, END)) {
            return Optional.empty();
        }
        for (int i = previousAt; i < previousAt + 64; i++) {
            byte c = line[i];
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return Optional.empty();
            }
        }
        int sequenceAt = find(line, SEQUENCE, Math.min(chainAt, 256));
        if (sequenceAt < 0) {
            return Optional.empty();
        }
        int position = sequenceAt + SEQUENCE.length;
        long sequence = 0;
        int digits = 0;
        while (position < chainAt && line[position] >= '0' && line[position] <= '9' && digits < 19) {
            sequence = sequence * 10 + (line[position++] - '0');
            digits++;
        }
        if (digits == 0 || (digits > 1 && line[sequenceAt + SEQUENCE.length] == '0') || !at(line, position, ACTION)) {
            return Optional.empty();
        }
        int actionStart = position + ACTION.length;
        int actionEnd = actionStart;
        while (actionEnd < chainAt
                && actionEnd - actionStart <= 40
                && ((line[actionEnd] >= 'a' && line[actionEnd] <= 'z') || line[actionEnd] == '-')) {
            actionEnd++;
        }
        if (actionEnd == actionStart || actionEnd >= chainAt || line[actionEnd] != '"') {
            return Optional.empty();
        }
        return Optional.of(new Link(
                sequence,
                new String(line, previousAt, 64, StandardCharsets.US_ASCII),
                new String(line, actionStart, actionEnd - actionStart, StandardCharsets.US_ASCII)));
    }

    private static boolean at(byte[] line, int offset, byte[] expected) {
        if (offset < 0 || offset + expected.length > line.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (line[offset + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static int find(byte[] line, byte[] expected, int limit) {
        for (int offset = 0; offset + expected.length <= limit; offset++) {
            if (at(line, offset, expected)) {
                return offset;
            }
        }
        return -1;
    }
}
