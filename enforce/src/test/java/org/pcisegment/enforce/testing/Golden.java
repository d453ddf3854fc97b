package org.pcisegment.enforce.testing;

import java.nio.file.Path;

/**
 * Golden files of this module live next to the test's package in {@code src/test/resources}. Comparison, diff and {@code -Dgolden.update=true} are
 * {@link org.pcisegment.core.testing.Golden}'s.
 */
public final class Golden {
    private Golden() {}

    /** Asserts that {@code actual} equals the golden file {@code name} of {@code test}'s package. */
    public static void assertMatches(Class<?> test, String name, String actual) {
        org.pcisegment.core.testing.Golden.assertMatches(
                Path.of("src/test/resources", test.getPackageName().replace('.', '/'), name), actual);
    }
}
