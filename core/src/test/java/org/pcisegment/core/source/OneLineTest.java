package org.pcisegment.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pcisegment.core.testing.Inputs.loadError;

import org.junit.jupiter.api.Test;

class OneLineTest {
    @Test
    void escapesLineBreaksAndControlCharacters() {
        assertThat(OneLine.escape("plain text, caf\u00e9")).isEqualTo("plain text, caf\u00e9");
        assertThat(OneLine.escape("a\nb\r\nc\td")).isEqualTo("a\\nb\\r\\nc\\td");
        assertThat(OneLine.escape("bell\u0007 nul\u0000 sep\u2028")).isEqualTo("bell\\u0007 nul\\u0000 sep\\u2028");
    }

    @Test
    void inputErrorsQuotingMultiLineUserTextStayOnOneLine() {
        String message = loadError("""
                apiVersion: pci-segment/v1
                kind: NetworkPolicy
                metadata: |
                  text
                  name: x
                spec: {podSelector: {}}
                """);
        assertThat(message)
                .isEqualTo("test.yaml:3:11: field 'metadata' must be a mapping (key: value pairs), found the string"
                        + " 'text\\nname: x\\n'")
                .doesNotContain("\n");
        String label = loadError("""
                apiVersion: pci-segment/v1
                kind: NetworkPolicy
                metadata: {name: x}
                spec: {podSelector: {matchLabels: {tier: "data\\nbase"}}}
                """);
        assertThat(label)
                .startsWith("test.yaml:4:42: label value 'data\\nbase' is invalid")
                .doesNotContain("\n");
    }

    @Test
    void longStringsAreShortenedInTypeErrors() {
        YamlScalar scalar = new YamlScalar("x".repeat(100), YamlScalar.Type.STRING, SourceSpan.of("t"));
        assertThat(scalar.describe()).isEqualTo("the string '" + "x".repeat(57) + "...'");
    }
}
