package org.pcisegment.core.analysis.format;

/** "1 policy", "3 policies". */
final class TextCounts {
    private TextCounts() {}

    static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
