package org.pcisegment.core.json;

import java.io.Writer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The one JSON mapper of the project: indented output, stable field order as written. */
public final class Json {
    public static final JsonMapper MAPPER =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Json() {}

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /**
     * A generator writing the same indented JSON as {@link #write} to {@code out}, for output too
     * large to build as a tree first. Closing it flushes but leaves {@code out} open.
     */
    public static JsonGenerator generator(Writer out) {
        return MAPPER.writer().without(StreamWriteFeature.AUTO_CLOSE_TARGET).createGenerator(out);
    }

    /** Pretty JSON text with a final newline. */
    public static String write(Object value) {
        return MAPPER.writeValueAsString(value) + "\n";
    }
}
