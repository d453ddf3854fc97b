package org.pcisegment.enforce.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden-file assertions: the expected text lives in {@code src/test/resources} next to the test's
 * package; a mismatch fails with a line diff. Run with {@code -Dgolden.update=true} to rewrite the
 * files from the current output (then review the diff in git).
 */
public final class Golden {
    private Golden() {}

    /** Asserts that {@code actual} equals the golden file {@code name} of {@code test}'s package. */
    public static void assertMatches(Class<?> test, String name, String actual) {
        Path file = Path.of("src/test/resources", test.getPackageName().replace('.', '/'), name);
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
            }
            assertThat(Files.exists(file))
                    .as("golden file %s exists (create it with -Dgolden.update=true)", file)
                    .isTrue();
            assertThat(actual)
                    .as("output against golden file %s", file)
                    .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
