package org.pcisegment.enforce.ebpf;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * One open map: its descriptor, sizes, and scratch memory for keys and values so that element
 * calls allocate nothing native. Values of per-CPU maps hold one slot per possible CPU. Confined
 * to the thread that opened it.
 */
final class BpfMap implements AutoCloseable {
    private final String name;
    private final int fd;
    private final int keySize;
    private final int valueSize;
    private final int slots;
    private final Arena arena;
    private final MemorySegment key;
    private final MemorySegment next;
    private final MemorySegment value;

    /** Takes ownership of {@code fd}; {@code perCpu} maps hold one 8-byte-aligned slot per CPU. */
    @SuppressWarnings("MustBeClosedChecker") // the arena lives as long as this map: close() closes it
    BpfMap(String name, int fd, boolean perCpu) {
        Libbpf.MapInfo info = Libbpf.mapInfo(fd);
        this.name = name;
        this.fd = fd;
        this.keySize = info.keySize();
        this.slots = perCpu ? Libbpf.possibleCpus() : 1;
        this.valueSize = perCpu ? ((info.valueSize() + 7) & ~7) * slots : info.valueSize();
        this.arena = Arena.ofConfined();
        this.key = arena.allocate(Math.max(keySize, 1), 8);
        this.next = arena.allocate(Math.max(keySize, 1), 8);
        this.value = arena.allocate(Math.max(valueSize, 1), 8);
    }

    String name() {
        return name;
    }

    int fd() {
        return fd;
    }

    int keySize() {
        return keySize;
    }

    /** Bytes of a value as element calls exchange it (per-CPU maps: every CPU's slot). */
    int valueSize() {
        return valueSize;
    }

    /** CPUs a per-CPU value has a slot for; 1 for other maps. */
    int slots() {
        return slots;
    }

    void put(byte[] k, byte[] v) {
        put(k, v, Libbpf.UPDATE_ANY);
    }

    void put(byte[] k, byte[] v, long flags) {
        set(key, k, keySize);
        set(value, v, valueSize);
        Libbpf.update(fd, key, value, flags, "map '" + name + "'");
    }

    Optional<byte[]> get(byte[] k) {
        set(key, k, keySize);
        if (!Libbpf.lookup(fd, key, value, "map '" + name + "'")) {
            return Optional.empty();
        }
        return Optional.of(value.asSlice(0, valueSize).toArray(JAVA_BYTE));
    }

    /** Deletes a key; false when it was not there. */
    boolean remove(byte[] k) {
        set(key, k, keySize);
        return Libbpf.delete(fd, key, "map '" + name + "'");
    }

    /**
     * Visits every entry. Keys deleted meanwhile are skipped; a map changed under the walk may
     * restart it from the first key (the kernel's get_next_key semantics), so a visitor must be
     * idempotent.
     */
    void forEach(BiConsumer<byte[], byte[]> visitor) {
        boolean more = Libbpf.nextKey(fd, null, next, "map '" + name + "'");
        while (more) {
            MemorySegment.copy(next, 0, key, 0, keySize);
            byte[] k = key.asSlice(0, keySize).toArray(JAVA_BYTE);
            if (Libbpf.lookup(fd, key, value, "map '" + name + "'")) {
                visitor.accept(k, value.asSlice(0, valueSize).toArray(JAVA_BYTE));
            }
            more = Libbpf.nextKey(fd, key, next, "map '" + name + "'");
        }
    }

    /** Number of entries (a walk over the keys: maps keep no count user space can read). */
    int size() {
        int count = 0;
        boolean more = Libbpf.nextKey(fd, null, next, "map '" + name + "'");
        while (more) {
            count++;
            MemorySegment.copy(next, 0, key, 0, keySize);
            more = Libbpf.nextKey(fd, key, next, "map '" + name + "'");
        }
        return count;
    }

    private static void set(MemorySegment target, byte[] bytes, int size) {
        if (bytes.length != size) {
            throw new IllegalArgumentException("expected " + size + " bytes, got " + bytes.length);
        }
        MemorySegment.copy(bytes, 0, target, JAVA_BYTE, 0, size);
    }

    @Override
    public void close() {
        arena.close();
        Libc.close(fd);
    }
}
