package org.pcisegment.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under src/test/resources/org/pcisegment/cloud/golden. A mismatch fails with both
 * texts; {@code -Dgolden.update=true} rewrites the files from the actual output.
 */
public final class Golden {
    private Golden() {}

    public static void check(String name, String actual) {
        Path source = Path.of("src/test/resources/org/pcisegment/cloud/golden", name);
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(source.getParent());
                Files.writeString(source, actual, StandardCharsets.UTF_8);
                return;
            }
            assertThat(Files.exists(source))
                    .as("golden file %s exists (run with -Dgolden.update=true)", source)
                    .isTrue();
            assertThat(actual).as("output against golden file %s", source).isEqualTo(Files.readString(source));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
