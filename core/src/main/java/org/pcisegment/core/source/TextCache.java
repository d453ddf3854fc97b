package org.pcisegment.core.source;

import org.jspecify.annotations.Nullable;

/**
 * Gives one {@link String} for equal texts read again: the keys and common values of a large
 * policy file ({@code apiVersion}, {@code cidr}, {@code TCP}) are then held once instead of
 * hundreds of thousands of times, which makes the parsed tree a third smaller and cheaper to
 * garbage-collect. A small direct-mapped table: a text whose slot another took is simply copied
 * again. Not thread-safe: one per reading thread.
 */
final class TextCache {
    /** Longer texts are rarely repeated (descriptions, CIDRs are unique) and cost more to compare. */
    private static final int MAX_LENGTH = 32;

    private static final int SLOTS = 4096;

    private final @Nullable String[] slots = new String[SLOTS];

    /** The text between {@code start} and {@code end} of {@code text}. */
    String substring(String text, int start, int end) {
        int length = end - start;
        if (length > MAX_LENGTH) {
            return text.substring(start, end);
        }
        int hash = 0;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + text.charAt(i);
        }
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        String cached = slots[slot];
        if (cached != null && cached.length() == length && text.startsWith(cached, start)) {
            return cached;
        }
        String copy = text.substring(start, end);
        slots[slot] = copy;
        return copy;
    }
}
