package org.pcisegment.enforce.ebpf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The data plane's kernel objects, pinned in one bpffs directory so that they outlive the process:
 * the two TC programs and every map. {@link #load} loads the object the jar carries and pins it
 * (nothing is left behind when the verifier refuses it); {@link #open} reopens the pins of an
 * earlier run.
 */
final class PinnedObjects implements AutoCloseable {
    /** Where bpffs is mounted on Linux; mounted here when missing. */
    static final Path BPFFS = Path.of("/sys/fs/bpf");

    static final String OBJECT_RESOURCE = "pci_segment.bpf.o";

    private final Path directory;
    private final Map<String, BpfMap> maps;
    private final int ingressProgram;
    private final int egressProgram;

    private PinnedObjects(Path directory, Map<String, BpfMap> maps, int ingressProgram, int egressProgram) {
        this.directory = directory;
        this.maps = maps;
        this.ingressProgram = ingressProgram;
        this.egressProgram = egressProgram;
    }

    /** Whether a complete earlier installation is pinned in {@code directory}. */
    static boolean present(Path directory) {
        return Files.exists(directory.resolve(MapLayout.INGRESS_PROGRAM))
                && Files.exists(directory.resolve(MapLayout.EGRESS_PROGRAM));
    }

    /** Opens the pins of an earlier installation. */
    static PinnedObjects open(Path directory) {
        Map<String, BpfMap> maps = new LinkedHashMap<>();
        int ingress = -1;
        int egress = -1;
        try {
            for (String name : MapLayout.MAPS) {
                maps.put(name, new BpfMap(name, Libbpf.pinned(directory.resolve(name)), perCpu(name)));
            }
            ingress = Libbpf.pinned(directory.resolve(MapLayout.INGRESS_PROGRAM));
            egress = Libbpf.pinned(directory.resolve(MapLayout.EGRESS_PROGRAM));
            return new PinnedObjects(directory, maps, ingress, egress);
        } catch (RuntimeException e) {
            closeAll(maps, ingress, egress);
            throw e;
        }
    }

    /**
     * Loads the data plane the jar carries, sizes the counters for this machine, and pins programs
     * and maps under {@code directory}. When loading fails (the verifier refuses a program, a map
     * cannot be created) or pinning fails, every pin made is removed and the exception (with the
     * verifier's log) propagates: nothing is left half-installed.
     */
    static PinnedObjects load(Path directory) {
        return load(directory, objectBytes(), OBJECT_RESOURCE);
    }

    /** {@link #load(Path)} of another object with the same maps and programs (tests). */
    static PinnedObjects load(Path directory, byte[] elf, String what) {
        ensureBpffs(directory);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment image = arena.allocate(elf.length, 8);
            MemorySegment.copy(elf, 0, image, ValueLayout.JAVA_BYTE, 0, elf.length);
            MemorySegment object = Libbpf.openObject(image, what);
            try {
                Libbpf.setMaxEntries(Libbpf.map(object, MapLayout.COUNTERS), MapLayout.COUNTERS, counterCapacity());
                Libbpf.loadObject(object, what);
                return pin(directory, object);
            } finally {
                // pins and attachments hold their own references
                Libbpf.closeObject(object);
            }
        }
    }

    private static PinnedObjects pin(Path directory, MemorySegment object) {
        List<Path> pinned = new ArrayList<>();
        try {
            removeStale(directory);
            Files.createDirectories(directory);
            for (String name : MapLayout.MAPS) {
                Path path = directory.resolve(name);
                Libbpf.pin(Libbpf.mapFd(Libbpf.map(object, name), name), path);
                pinned.add(path);
            }
            // the programs last: their pins mark a complete installation (see present)
            for (String program : List.of(MapLayout.INGRESS_PROGRAM, MapLayout.EGRESS_PROGRAM)) {
                Path path = directory.resolve(program);
                Libbpf.pin(Libbpf.programFd(object, program), path);
                pinned.add(path);
            }
            return open(directory);
        } catch (IOException | RuntimeException e) {
            for (Path path : pinned) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot create the pin directory " + directory, io);
            }
            throw (RuntimeException) e;
        }
    }

    /** Pins of an interrupted earlier load (maps without programs): ours, and in the way. */
    private static void removeStale(Path directory) throws IOException {
        if (Files.isDirectory(directory) && !present(directory)) {
            deleteContents(directory);
        }
    }

    private static void deleteContents(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : entries.toList()) {
                Files.deleteIfExists(entry);
            }
        }
    }

    /**
     * Per-CPU counters cost 16 bytes per counter per possible CPU: up to 262144 counters, fewer on
     * machines with many CPUs (at most 64 MiB), never fewer than 65536.
     */
    static int counterCapacity() {
        long perCounter = 16L * Libbpf.possibleCpus();
        long fitting = (64L << 20) / perCounter;
        return (int) Math.max(65_536, Math.min(262_144, fitting));
    }

    private static byte[] objectBytes() {
        try (InputStream in = PinnedObjects.class.getResourceAsStream(OBJECT_RESOURCE)) {
            if (in == null) {
                throw new BpfException(
                        "the eBPF data plane (" + OBJECT_RESOURCE + ") is missing from the jar: rebuild with clang"
                                + " installed (bin/setup)",
                        0);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + OBJECT_RESOURCE + " from the jar", e);
        }
    }

    /** Mounts bpffs at /sys/fs/bpf when the pin directory is under it and nothing is mounted there. */
    static void ensureBpffs(Path directory) {
        if (!directory.startsWith(BPFFS) || bpffsMounted()) {
            return;
        }
        Libc.mountBpffs(BPFFS);
    }

    private static boolean bpffsMounted() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
                String[] fields = line.split(" ");
                if (fields.length > 2 && fields[1].equals(BPFFS.toString()) && fields[2].equals("bpf")) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/mounts", e);
        }
    }

    private static boolean perCpu(String map) {
        return map.equals(MapLayout.COUNTERS) || map.equals(MapLayout.EVENT_BUCKET);
    }

    Path directory() {
        return directory;
    }

    BpfMap map(String name) {
        BpfMap map = maps.get(name);
        if (map == null) {
            throw new IllegalArgumentException("no map " + name);
        }
        return map;
    }

    int program(Libbpf.TcHook hook) {
        return hook == Libbpf.TcHook.INGRESS ? ingressProgram : egressProgram;
    }

    /**
     * Removes every pin; the kernel frees programs and maps once nothing else (an attached filter,
     * an open descriptor) holds them.
     */
    void unpin() {
        try {
            if (Files.isDirectory(directory)) {
                deleteContents(directory);
                Files.deleteIfExists(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the pins in " + directory, e);
        }
    }

    @Override
    public void close() {
        closeAll(maps, ingressProgram, egressProgram);
    }

    private static void closeAll(Map<String, BpfMap> maps, int ingress, int egress) {
        maps.values().forEach(BpfMap::close);
        if (ingress >= 0) {
            Libc.close(ingress);
        }
        if (egress >= 0) {
            Libc.close(egress);
        }
    }
}
