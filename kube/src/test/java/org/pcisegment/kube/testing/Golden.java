package org.pcisegment.kube.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Golden files under {@code src/test/resources/golden/}: the output must equal the file, and a
 * mismatch shows the differing lines. Run with {@code -Dgolden.update=true} to rewrite them after a
 * deliberate change, then review the diff in version control.
 */
public final class Golden {
    private static final Path ROOT = Path.of("src/test/resources/golden");

    private Golden() {}

    public static void assertMatches(String name, String actual) {
        Path file = ROOT.resolve(name);
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual);
                return;
            }
            if (!Files.exists(file)) {
                throw new AssertionError("golden file " + file.toAbsolutePath() + " is missing; run with"
                        + " -Dgolden.update=true to create it");
            }
            String expected = Files.readString(file);
            LineDiff.assertSameLines(
                    "golden " + name, List.of(expected.split("\n", -1)), List.of(actual.split("\n", -1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Relative path of a test resource, so that file names in outputs do not depend on the machine. */
    public static String resource(String name) {
        return "src/test/resources/" + name;
    }
}
