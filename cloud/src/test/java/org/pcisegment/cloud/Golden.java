package org.pcisegment.cloud;

import java.nio.file.Path;

/**
 * Golden files of this module live in {@code src/test/resources/org/pcisegment/cloud/golden}. Comparison, diff and {@code -Dgolden.update=true} are
 * {@link org.pcisegment.core.testing.Golden}'s.
 */
public final class Golden {
    private Golden() {}

    public static void check(String name, String actual) {
        org.pcisegment.core.testing.Golden.assertMatches(
                Path.of("src/test/resources/org/pcisegment/cloud/golden", name), actual);
    }
}
