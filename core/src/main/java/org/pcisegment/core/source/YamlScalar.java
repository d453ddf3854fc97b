package org.pcisegment.core.source;

import java.util.Locale;
import java.util.OptionalLong;

/** A scalar with the type the YAML core schema resolved for it. */
public record YamlScalar(String text, Type type, SourceSpan span) implements YamlValue {

    /** The core-schema types a scalar can resolve to. */
    public enum Type {
        STRING,
        INTEGER,
        FLOAT,
        BOOLEAN,
        NULL
    }

    public boolean isNull() {
        return type == Type.NULL;
    }

    /** The integer value when the scalar is an integer that fits a long. */
    public OptionalLong asLong() {
        if (type != Type.INTEGER) {
            return OptionalLong.empty();
        }
        try {
            String digits = text.replace("_", "");
            if (digits.startsWith("0x") || digits.startsWith("0X")) {
                return OptionalLong.of(Long.parseLong(digits.substring(2), 16));
            }
            if (digits.startsWith("0o")) {
                return OptionalLong.of(Long.parseLong(digits.substring(2), 8));
            }
            return OptionalLong.of(Long.parseLong(digits.startsWith("+") ? digits.substring(1) : digits));
        } catch (NumberFormatException tooLarge) {
            return OptionalLong.empty();
        }
    }

    /** The text on one line and at most 60 characters, so that a message stays one sentence. */
    private String abbreviated() {
        String oneLine = OneLine.escape(text);
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
    }

    @Override
    public String describe() {
        return switch (type) {
            case STRING -> "the string '" + abbreviated() + "'";
            case INTEGER -> "the number " + text;
            case FLOAT -> "the number " + text;
            case BOOLEAN -> "the boolean " + text.toLowerCase(Locale.ROOT);
            case NULL -> "an empty value";
        };
    }
}
