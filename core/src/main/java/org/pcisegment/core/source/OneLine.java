package org.pcisegment.core.source;

/**
 * Keeps messages on one line: user text quoted in a message (a label, a name, a YAML string) may
 * hold line breaks or control characters, which would split the one sentence a user gets and
 * could forge extra lines in logs. They are written as escapes instead.
 */
public final class OneLine {
    private OneLine() {}

    public static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escaped = switch (c) {
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default ->
                    Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                            ? String.format("\\u%04x", (int) c)
                            : null;
            };
            if (escaped != null && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                out.append(escaped != null ? escaped : String.valueOf(c));
            }
        }
        return out == null ? text : out.toString();
    }
}
