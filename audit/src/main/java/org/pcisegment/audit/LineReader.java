package org.pcisegment.audit;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads a log file (plain or gzip) line by line into a reused buffer, counting lines from 1 and
 * saying whether each line ended with a newline. Lines longer than {@link #MAX_LINE} are cut there
 * and flagged, so a hostile file cannot exhaust memory.
 */
final class LineReader implements Closeable {
    static final int MAX_LINE = 1 << 20;

    private final InputStream in;
    private final byte[] chunk = new byte[1 << 16];
    private int chunkLength;
    private int chunkPosition;
    private byte[] line = new byte[1024];
    private int length;
    private int number;
    private boolean terminated;
    private boolean overlong;

    LineReader(Path file, boolean gzip) throws IOException {
        InputStream raw = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        this.in = gzip ? new GZIPInputStream(new BufferedInputStream(raw, 1 << 16), 1 << 16) : raw;
    }

    static LineReader open(LogFile file) throws IOException {
        return new LineReader(file.path(), file.compressed());
    }

    /** Advances to the next line; false at the end of the file. */
    boolean next() throws IOException {
        length = 0;
        overlong = false;
        boolean any = false;
        while (true) {
            if (chunkPosition == chunkLength) {
                chunkLength = in.read(chunk);
                chunkPosition = 0;
                if (chunkLength <= 0) {
                    chunkLength = 0;
                    if (!any) {
                        return false;
                    }
                    terminated = false;
                    number++;
                    return true;
                }
            }
            any = true;
            int start = chunkPosition;
            int end = start;
            while (end < chunkLength && chunk[end] != '\n') {
                end++;
            }
            append(start, end - start);
            if (end < chunkLength) {
                chunkPosition = end + 1;
                terminated = true;
                number++;
                return true;
            }
            chunkPosition = chunkLength;
        }
    }

    private void append(int from, int count) {
        int room = MAX_LINE - length;
        if (count > room) {
            overlong = true;
            count = room;
        }
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.min(MAX_LINE, Math.max(line.length * 2, length + count)));
        }
        System.arraycopy(chunk, from, line, length, count);
        length += count;
    }

    /** The current line's bytes (valid up to {@link #length()}); overwritten by {@link #next()}. */
    byte[] bytes() {
        return line;
    }

    int length() {
        return length;
    }

    byte[] copy() {
        return Arrays.copyOf(line, length);
    }

    /** 1-based number of the current line. */
    int number() {
        return number;
    }

    /** False for a last line that has no newline: a torn write, or a writer still appending. */
    boolean terminated() {
        return terminated;
    }

    boolean overlong() {
        return overlong;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
