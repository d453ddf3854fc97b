package org.pcisegment.kube.testing;

import java.nio.file.Path;

/**
 * Golden files of this module live in {@code src/test/resources/golden}. Comparison, diff and {@code -Dgolden.update=true} are
 * {@link org.pcisegment.core.testing.Golden}'s.
 */
public final class Golden {
    private Golden() {}

    public static void assertMatches(String name, String actual) {
        org.pcisegment.core.testing.Golden.assertMatches(Path.of("src/test/resources/golden", name), actual);
    }

    /** Relative path of a test resource, so that file names in outputs do not depend on the machine. */
    public static String resource(String name) {
        return "src/test/resources/" + name;
    }
}
