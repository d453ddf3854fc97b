package org.pcisegment.core.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.util.diff.DiffUtils;
import org.assertj.core.util.diff.Patch;

/**
 * Golden files: expected output kept in {@code src/test/resources/<package of the test>/golden/}.
 * A mismatch fails with a unified diff; run with {@code -Dgolden.update=true} to rewrite the files
 * from the actual output (then review the change with {@code git diff}).
 */
public final class Golden {
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    private Golden() {}

    /** Where the golden file {@code name} of {@code testClass} lives, relative to the module. */
    public static Path path(Class<?> testClass, String name) {
        return Path.of("src", "test", "resources")
                .resolve(testClass.getPackageName().replace('.', '/'))
                .resolve("golden")
                .resolve(name);
    }

    public static void assertMatches(Class<?> testClass, String name, String actual) {
        assertMatches(path(testClass, name), actual);
    }

    /** The same, for a module that keeps its golden files elsewhere ({@code file} relative to it). */
    public static void assertMatches(Path file, String actual) {
        try {
            if (UPDATE) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(file)) {
                fail(
                        "golden file %s does not exist; run with -Dgolden.update=true to create it. Actual output:%n%s",
                        file, actual);
            }
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            if (!expected.equals(actual)) {
                fail(
                        "output differs from golden file %s (run with -Dgolden.update=true to accept it):%n%s",
                        file, diff(expected, actual));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A unified diff from {@code expected} to {@code actual}, with three lines of context. */
    public static String diff(String expected, String actual) {
        List<String> before = expected.lines().toList();
        List<String> after = actual.lines().toList();
        Patch<String> patch = DiffUtils.diff(before, after);
        List<String> unified = DiffUtils.generateUnifiedDiff("expected", "actual", before, patch, 3);
        if (unified.isEmpty()) {
            // Same lines: the difference is in line endings or the final newline.
            return "(texts differ only in line endings or the final newline)";
        }
        return String.join(System.lineSeparator(), unified);
    }
}
