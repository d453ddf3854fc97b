package org.pcisegment.kube.testing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.opentest4j.AssertionFailedError;

/** Compares line lists and fails with the missing and unexpected lines, not two walls of text. */
public final class LineDiff {
    private LineDiff() {}

    /** Same lines in the same order. */
    public static void assertSameLines(String what, List<String> expected, List<String> actual) {
        if (expected.equals(actual)) {
            return;
        }
        fail(what, expected, actual, "order or duplicates differ");
    }

    /** Same set of lines, order aside. */
    public static void assertSameLineSet(String what, List<String> expected, List<String> actual) {
        if (new LinkedHashSet<>(expected).equals(new LinkedHashSet<>(actual)) && expected.size() == actual.size()) {
            return;
        }
        fail(what, expected, actual, "duplicates differ");
    }

    private static void fail(String what, List<String> expected, List<String> actual, String otherwise) {
        Set<String> missing = new LinkedHashSet<>(expected);
        actual.forEach(missing::remove);
        Set<String> unexpected = new LinkedHashSet<>(actual);
        expected.forEach(unexpected::remove);
        List<String> message = new ArrayList<>();
        message.add(what + ": " + expected.size() + " lines expected, " + actual.size() + " produced");
        if (missing.isEmpty() && unexpected.isEmpty()) {
            message.add("same lines, but " + otherwise);
        }
        if (!missing.isEmpty()) {
            message.add("missing (" + missing.size() + "):");
            missing.stream().limit(40).forEach(l -> message.add("  - " + l));
        }
        if (!unexpected.isEmpty()) {
            message.add("unexpected (" + unexpected.size() + "):");
            unexpected.stream().limit(40).forEach(l -> message.add("  + " + l));
        }
        throw new AssertionFailedError(String.join("\n", message), expected, actual);
    }
}
