package org.pcisegment.enforce.ebpf;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The libbpf 1.1 calls pci-segment uses, bound through {@code java.lang.foreign} (no JNI, no
 * jextract). Every call's return code is checked: a failure becomes a {@link BpfException} that
 * names the operation, its object and the errno text. libbpf's own messages (the verifier log
 * among them) are captured through {@code libbpf_set_print} and attached to load failures.
 *
 * <p>Structs passed to libbpf ({@code bpf_tc_hook}, {@code bpf_tc_opts}, {@code
 * bpf_test_run_opts}) are laid out here by hand from libbpf 1.1's headers, each with its {@code
 * sz} field set so libbpf checks the size it was given.
 */
public final class Libbpf {
    private Libbpf() {}

    /** {@code BPF_ANY}, {@code BPF_NOEXIST}: flags of {@code bpf_map_update_elem}. */
    public static final long UPDATE_ANY = 0;

    public static final long UPDATE_NO_EXIST = 1;

    private static final int ENOENT = 2;
    private static final int EINTR = 4;
    private static final int EEXIST = 17;

    /** Where a TC program runs on an interface ({@code enum bpf_tc_attach_point}). */
    public enum TcHook {
        INGRESS(1),
        EGRESS(2);

        final int attachPoint;

        TcHook(int attachPoint) {
            this.attachPoint = attachPoint;
        }
    }

    /** The kernel's description of a loaded program. */
    public record ProgramInfo(int id, String tag, String name) {}

    /** The kernel's description of a map. */
    public record MapInfo(int id, int type, int keySize, int valueSize, int maxEntries, String name) {}

    /** What {@code BPF_PROG_TEST_RUN} reports: the program's return value and mean run time. */
    public record TestRun(int returnValue, int durationNanos) {}

    // --- bpf_object --------------------------------------------------------------------------

    /** Opens an ELF object held in memory ({@code bpf_object__open_mem}); nothing is loaded yet. */
    public static MemorySegment openObject(MemorySegment elf, String what) {
        return call(call -> {
            MemorySegment state = call.allocate(Native.CALL_STATE);
            MemorySegment object =
                    (MemorySegment) Native.OPEN_MEM.invokeExact(state, elf, elf.byteSize(), MemorySegment.NULL);
            if (object.equals(MemorySegment.NULL)) {
                int errno = errno(state);
                throw failure("open BPF object " + what, errno, null);
            }
            return object;
        });
    }

    /**
     * Creates the maps and loads every program of an opened object ({@code bpf_object__load}).
     * When the verifier refuses a program, the exception carries what libbpf printed, the
     * verifier's log included.
     */
    public static void loadObject(MemorySegment object, String what) {
        PrintCapture.start();
        int result;
        try {
            result = (int) Native.LOAD.invokeExact(object);
        } catch (Throwable e) {
            PrintCapture.stop();
            throw unexpected(e);
        }
        String log = PrintCapture.stop();
        if (result < 0) {
            throw failure("load BPF object " + what + " (verifier or map creation refused it)", -result, log);
        }
    }

    /** Frees an object ({@code bpf_object__close}); pinned maps and attached programs live on. */
    public static void closeObject(MemorySegment object) {
        run(call -> {
            Native.CLOSE_OBJECT.invokeExact(object);
        });
    }

    /** The file descriptor of a program of a loaded object, by function name. */
    public static int programFd(MemorySegment object, String name) {
        return call(call -> {
            MemorySegment program = (MemorySegment) Native.FIND_PROGRAM.invokeExact(object, call.allocateFrom(name));
            if (program.equals(MemorySegment.NULL)) {
                throw new BpfException("BPF object has no program '" + name + "'", ENOENT);
            }
            int fd = (int) Native.PROGRAM_FD.invokeExact(program);
            return check(fd, "get the file descriptor of program '" + name + "'");
        });
    }

    /** The map of an opened object, by name ({@code bpf_object__find_map_by_name}). */
    public static MemorySegment map(MemorySegment object, String name) {
        return call(call -> {
            MemorySegment map = (MemorySegment) Native.FIND_MAP.invokeExact(object, call.allocateFrom(name));
            if (map.equals(MemorySegment.NULL)) {
                throw new BpfException("BPF object has no map '" + name + "'", ENOENT);
            }
            return map;
        });
    }

    /** Sets a map's capacity before the object is loaded ({@code bpf_map__set_max_entries}). */
    public static void setMaxEntries(MemorySegment map, String name, int maxEntries) {
        run(call -> {
            int result = (int) Native.SET_MAX_ENTRIES.invokeExact(map, maxEntries);
            check(result, "set the capacity of map '" + name + "' to " + maxEntries);
        });
    }

    /** The file descriptor of a map of a loaded object. */
    public static int mapFd(MemorySegment map, String name) {
        return call(call -> {
            int fd = (int) Native.MAP_FD.invokeExact(map);
            return check(fd, "get the file descriptor of map '" + name + "'");
        });
    }

    // --- pinning -----------------------------------------------------------------------------

    /** Pins a map or program in bpffs ({@code bpf_obj_pin}). */
    public static void pin(int fd, Path path) {
        run(call -> {
            int result = (int) Native.OBJ_PIN.invokeExact(fd, call.allocateFrom(path.toString()));
            check(result, "pin BPF object at " + path);
        });
    }

    /** Opens a pinned map or program ({@code bpf_obj_get}); the caller closes the descriptor. */
    public static int pinned(Path path) {
        return call(call -> {
            int fd = (int) Native.OBJ_GET.invokeExact(call.allocateFrom(path.toString()));
            return check(fd, "open pinned BPF object " + path);
        });
    }

    // --- map elements ------------------------------------------------------------------------

    /** {@code bpf_map_update_elem}; flags {@link #UPDATE_ANY} or {@link #UPDATE_NO_EXIST}. */
    public static void update(int mapFd, MemorySegment key, MemorySegment value, long flags, String what) {
        run(call -> {
            int result = (int) Native.MAP_UPDATE.invokeExact(mapFd, key, value, flags);
            check(result, "update " + what);
        });
    }

    /** {@code bpf_map_lookup_elem}: false when the key is absent. */
    public static boolean lookup(int mapFd, MemorySegment key, MemorySegment value, String what) {
        return call(call -> {
            int result = (int) Native.MAP_LOOKUP.invokeExact(mapFd, key, value);
            return present(result, "look up " + what);
        });
    }

    /** {@code bpf_map_delete_elem}: false when the key was absent. */
    public static boolean delete(int mapFd, MemorySegment key, String what) {
        return call(call -> {
            int result = (int) Native.MAP_DELETE.invokeExact(mapFd, key);
            return present(result, "delete " + what);
        });
    }

    /**
     * {@code bpf_map_get_next_key}: writes the key after {@code key} (the first key when {@code
     * key} is null) into {@code next}; false after the last key.
     */
    public static boolean nextKey(int mapFd, @Nullable MemorySegment key, MemorySegment next, String what) {
        return call(call -> {
            MemorySegment after = key == null ? MemorySegment.NULL : key;
            int result = (int) Native.MAP_NEXT_KEY.invokeExact(mapFd, after, next);
            return present(result, "iterate " + what);
        });
    }

    /**
     * Makes a map read-only for system calls for good ({@code bpf_map_freeze}); the program can
     * still write it. Used to provoke refused writes in tests.
     */
    public static void freeze(int mapFd) {
        run(call -> {
            int result = (int) Native.MAP_FREEZE.invokeExact(mapFd);
            check(result, "freeze map fd " + mapFd);
        });
    }

    /** How many CPUs per-CPU maps hold a value for ({@code libbpf_num_possible_cpus}). */
    public static int possibleCpus() {
        return call(call -> {
            int cpus = (int) Native.POSSIBLE_CPUS.invokeExact();
            return check(cpus, "count the possible CPUs");
        });
    }

    // --- object information ------------------------------------------------------------------

    public static ProgramInfo programInfo(int fd) {
        return call(call -> {
            MemorySegment info = objectInfo(call, fd, "program");
            byte[] tag = info.asSlice(8, 8).toArray(JAVA_BYTE);
            return new ProgramInfo(info.get(JAVA_INT, 4), HexFormat.of().formatHex(tag), cString(info.asSlice(64, 16)));
        });
    }

    public static MapInfo mapInfo(int fd) {
        return call(call -> {
            MemorySegment info = objectInfo(call, fd, "map");
            return new MapInfo(
                    info.get(JAVA_INT, 4),
                    info.get(JAVA_INT, 0),
                    info.get(JAVA_INT, 8),
                    info.get(JAVA_INT, 12),
                    info.get(JAVA_INT, 16),
                    cString(info.asSlice(24, 16)));
        });
    }

    private static MemorySegment objectInfo(Arena call, int fd, String kind) throws Throwable {
        MemorySegment info = call.allocate(512, 8);
        MemorySegment length = call.allocate(JAVA_INT);
        length.set(JAVA_INT, 0, (int) info.byteSize());
        int result = (int) Native.OBJ_INFO.invokeExact(fd, info, length);
        check(result, "read the kernel's information on BPF " + kind + " fd " + fd);
        return info;
    }

    // --- TC attachment -----------------------------------------------------------------------

    /**
     * Creates the clsact qdisc of an interface ({@code bpf_tc_hook_create}); true when this call
     * created it, false when it was already there.
     */
    public static boolean tcHookCreate(int ifindex) {
        return call(call -> {
            MemorySegment hook = tcHook(call, ifindex, TcHook.INGRESS.attachPoint | TcHook.EGRESS.attachPoint);
            int result = (int) Native.TC_HOOK_CREATE.invokeExact(hook);
            if (result == -EEXIST) {
                return false;
            }
            check(result, "create the clsact qdisc on interface index " + ifindex);
            return true;
        });
    }

    /** Removes the clsact qdisc of an interface with every filter on it ({@code bpf_tc_hook_destroy}). */
    public static void tcHookDestroy(int ifindex) {
        run(call -> {
            MemorySegment hook = tcHook(call, ifindex, TcHook.INGRESS.attachPoint | TcHook.EGRESS.attachPoint);
            int result = (int) Native.TC_HOOK_DESTROY.invokeExact(hook);
            if (result != -ENOENT) {
                check(result, "remove the clsact qdisc of interface index " + ifindex);
            }
        });
    }

    /**
     * Attaches a program as a direct-action filter ({@code bpf_tc_attach}) at a fixed handle and
     * priority; with {@code replace} an existing filter there is swapped atomically. Returns the
     * attached program's id.
     */
    public static int tcAttach(int ifindex, TcHook hook, int programFd, int handle, int priority, boolean replace) {
        return call(call -> {
            MemorySegment opts = tcOpts(call, handle, priority);
            opts.set(JAVA_INT, TC_OPTS_PROG_FD, programFd);
            opts.set(JAVA_INT, TC_OPTS_FLAGS, replace ? 1 : 0);
            int result = (int) Native.TC_ATTACH.invokeExact(tcHook(call, ifindex, hook.attachPoint), opts);
            check(
                    result,
                    "attach the TC " + hook.name().toLowerCase(java.util.Locale.ROOT) + " program to interface index "
                            + ifindex);
            return opts.get(JAVA_INT, TC_OPTS_PROG_ID);
        });
    }

    /** Detaches the filter at handle and priority ({@code bpf_tc_detach}); false when none was there. */
    public static boolean tcDetach(int ifindex, TcHook hook, int handle, int priority) {
        return call(call -> {
            int result = (int) Native.TC_DETACH.invokeExact(
                    tcHook(call, ifindex, hook.attachPoint), tcOpts(call, handle, priority));
            return present(
                    result,
                    "detach the TC " + hook.name().toLowerCase(java.util.Locale.ROOT) + " program from interface index "
                            + ifindex);
        });
    }

    /** The id of the program attached at handle and priority ({@code bpf_tc_query}), if any. */
    public static OptionalInt tcQuery(int ifindex, TcHook hook, int handle, int priority) {
        return call(call -> {
            MemorySegment opts = tcOpts(call, handle, priority);
            int result = (int) Native.TC_QUERY.invokeExact(tcHook(call, ifindex, hook.attachPoint), opts);
            // no clsact qdisc (EINVAL) or no filter there (ENOENT): nothing attached
            if (result == -ENOENT || result == -22) {
                return OptionalInt.empty();
            }
            check(
                    result,
                    "query the TC " + hook.name().toLowerCase(java.util.Locale.ROOT) + " programs of interface index "
                            + ifindex);
            return OptionalInt.of(opts.get(JAVA_INT, TC_OPTS_PROG_ID));
        });
    }

    // struct bpf_tc_hook { size_t sz; int ifindex; enum attach_point; __u32 parent; size_t :0; }
    private static final long TC_HOOK_SIZE = 24;
    // struct bpf_tc_opts { size_t sz; int prog_fd; __u32 flags, prog_id, handle, priority; size_t :0; }
    private static final long TC_OPTS_SIZE = 32;
    private static final long TC_OPTS_PROG_FD = 8;
    private static final long TC_OPTS_FLAGS = 12;
    private static final long TC_OPTS_PROG_ID = 16;
    private static final long TC_OPTS_HANDLE = 20;
    private static final long TC_OPTS_PRIORITY = 24;

    private static MemorySegment tcHook(Arena call, int ifindex, int attachPoint) {
        MemorySegment hook = call.allocate(TC_HOOK_SIZE, 8);
        hook.set(JAVA_LONG, 0, TC_HOOK_SIZE);
        hook.set(JAVA_INT, 8, ifindex);
        hook.set(JAVA_INT, 12, attachPoint);
        return hook;
    }

    private static MemorySegment tcOpts(Arena call, int handle, int priority) {
        MemorySegment opts = call.allocate(TC_OPTS_SIZE, 8);
        opts.set(JAVA_LONG, 0, TC_OPTS_SIZE);
        opts.set(JAVA_INT, TC_OPTS_HANDLE, handle);
        opts.set(JAVA_INT, TC_OPTS_PRIORITY, priority);
        return opts;
    }

    // --- test runs ---------------------------------------------------------------------------

    // struct bpf_test_run_opts: sz, data_in, data_out, data_size_in, data_size_out, ctx_in,
    // ctx_out, ctx_size_in, ctx_size_out, retval, repeat, duration, flags, cpu, batch_size
    private static final long TEST_RUN_SIZE = 80;

    /** Runs a program once on a packet without attaching it ({@code bpf_prog_test_run_opts}). */
    public static TestRun testRun(int programFd, byte[] packet) {
        return call(call -> {
            MemorySegment data = call.allocate(Math.max(packet.length, 1));
            MemorySegment.copy(packet, 0, data, JAVA_BYTE, 0, packet.length);
            MemorySegment opts = call.allocate(TEST_RUN_SIZE, 8);
            opts.set(JAVA_LONG, 0, TEST_RUN_SIZE);
            opts.set(ADDRESS, 8, data);
            opts.set(JAVA_INT, 24, packet.length);
            opts.set(JAVA_INT, 60, 1);
            int result = (int) Native.TEST_RUN.invokeExact(programFd, opts);
            check(result, "test-run BPF program fd " + programFd + " on a " + packet.length + "-byte packet");
            return new TestRun(opts.get(JAVA_INT, 56), opts.get(JAVA_INT, 64));
        });
    }

    // --- ring buffer -------------------------------------------------------------------------

    /**
     * A consumer of a BPF ring buffer map ({@code ring_buffer__new}): {@link #poll} hands each
     * record, copied out of the buffer, to the callback on the polling thread. Not thread-safe:
     * one thread polls and closes.
     */
    public static final class RingBuffer implements AutoCloseable {
        private final Arena arena;
        private final MemorySegment ring;
        private final Consumer<byte[]> onRecord;
        private @Nullable RuntimeException callbackFailure;
        private boolean closed;

        @SuppressWarnings("MustBeClosedChecker") // the arena lives as long as this ring buffer: close() closes it
        private RingBuffer(int mapFd, Consumer<byte[]> onRecord) {
            this.onRecord = onRecord;
            this.arena = Arena.ofShared();
            try {
                MethodHandle sample = MethodHandles.lookup()
                        .findVirtual(
                                RingBuffer.class,
                                "sample",
                                MethodType.methodType(int.class, MemorySegment.class, MemorySegment.class, long.class))
                        .bindTo(this);
                MemorySegment callback = Native.LINKER.upcallStub(
                        sample, FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG), arena);
                MemorySegment state = arena.allocate(Native.CALL_STATE);
                MemorySegment created = (MemorySegment)
                        Native.RING_NEW.invokeExact(state, mapFd, callback, MemorySegment.NULL, MemorySegment.NULL);
                if (created.equals(MemorySegment.NULL)) {
                    int errno = errno(state);
                    arena.close();
                    throw failure("open the ring buffer of map fd " + mapFd, errno, null);
                }
                this.ring = created;
            } catch (BpfException e) {
                throw e;
            } catch (Throwable e) {
                arena.close();
                throw unexpected(e);
            }
        }

        @SuppressWarnings("unused") // called from native code through the upcall stub
        private int sample(MemorySegment context, MemorySegment data, long size) {
            try {
                onRecord.accept(data.reinterpret(size).toArray(JAVA_BYTE));
                return 0;
            } catch (RuntimeException e) {
                // an exception must not unwind through native frames: keep it for poll()
                callbackFailure = e;
                return -1;
            }
        }

        /** Waits up to {@code timeout} for records and consumes them; returns how many. */
        public int poll(Duration timeout) {
            if (closed) {
                throw new IllegalStateException("ring buffer is closed");
            }
            int result;
            try {
                result =
                        (int) Native.RING_POLL.invokeExact(ring, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            } catch (Throwable e) {
                throw unexpected(e);
            }
            RuntimeException failure = callbackFailure;
            if (failure != null) {
                callbackFailure = null;
                throw failure;
            }
            if (result == -EINTR) {
                return 0;
            }
            return check(result, "poll the deny-event ring buffer");
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                Native.RING_FREE.invokeExact(ring);
            } catch (Throwable e) {
                throw unexpected(e);
            } finally {
                arena.close();
            }
        }
    }

    public static RingBuffer ringBuffer(int mapFd, Consumer<byte[]> onRecord) {
        return new RingBuffer(mapFd, onRecord);
    }

    // --- errors ------------------------------------------------------------------------------

    /** A native call needing scratch memory for its arguments. */
    @FunctionalInterface
    private interface NativeCall<T> {
        T invoke(Arena call) throws Throwable;
    }

    @FunctionalInterface
    private interface NativeAction {
        void invoke(Arena call) throws Throwable;
    }

    /**
     * Runs a native call with a confined arena freed right after it; our own errors pass through,
     * anything else the method handle throws is a programming error.
     */
    private static <T> T call(NativeCall<T> body) {
        try (Arena call = Arena.ofConfined()) {
            return body.invoke(call);
        } catch (BpfException e) {
            throw e;
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    private static void run(NativeAction body) {
        call(arena -> {
            body.invoke(arena);
            return Boolean.TRUE;
        });
    }

    /** libbpf's text for an error code (errno or libbpf's own codes). */
    public static String errorText(int errno) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment buffer = call.allocate(256);
            int result = (int) Native.STRERROR.invokeExact(-errno, buffer, buffer.byteSize());
            String text = cString(buffer);
            return result < 0 && text.isEmpty() ? "error " + errno : text;
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    private static int check(int result, String operation) {
        if (result < 0) {
            throw failure(operation, -result, null);
        }
        return result;
    }

    private static boolean present(int result, String operation) {
        if (result == -ENOENT) {
            return false;
        }
        check(result, operation);
        return true;
    }

    private static BpfException failure(String operation, int errno, @Nullable String log) {
        String hint = switch (errno) {
            case 1 -> " (needs root or CAP_BPF and CAP_NET_ADMIN)";
            case 7 -> " (the map is full: raise its capacity)";
            default -> "";
        };
        return new BpfException("cannot " + operation + ": " + errorText(errno) + hint, errno, log);
    }

    private static int errno(MemorySegment state) {
        return (int) Native.ERRNO.get(state, 0L);
    }

    private static RuntimeException unexpected(Throwable e) {
        if (e instanceof RuntimeException runtime) {
            return runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("libbpf call failed unexpectedly", e);
    }

    private static String cString(MemorySegment bytes) {
        int length = 0;
        while (length < bytes.byteSize() && bytes.get(JAVA_BYTE, length) != 0) {
            length++;
        }
        return new String(bytes.asSlice(0, length).toArray(JAVA_BYTE), StandardCharsets.UTF_8);
    }

    // --- libbpf messages ---------------------------------------------------------------------

    /**
     * Collects what libbpf prints (warnings and info; debug is dropped) while a load runs, so a
     * refused program's verifier log can travel with the exception instead of going to stderr.
     */
    private static final class PrintCapture {
        private static final int LEVEL_DEBUG = 2;
        private static final long BUFFER = 4L << 20;
        private static final int KEEP = 64 * 1024;
        private static final Object LOCK = new Object();
        private static @Nullable StringBuilder capture;
        private static @Nullable MemorySegment buffer;

        static void start() {
            synchronized (LOCK) {
                Native.installPrint();
                capture = new StringBuilder();
            }
        }

        static String stop() {
            synchronized (LOCK) {
                StringBuilder text = capture;
                capture = null;
                if (text == null) {
                    return "";
                }
                // the end of a verifier log says why; keep the tail of a long one
                return text.length() <= KEEP
                        ? text.toString()
                        : "[... " + (text.length() - KEEP) + " characters cut ...]\n"
                                + text.substring(text.length() - KEEP);
            }
        }

        @SuppressWarnings("unused") // called from native code through the upcall stub
        static int print(int level, MemorySegment format, MemorySegment arguments) {
            try {
                synchronized (LOCK) {
                    StringBuilder text = capture;
                    if (text == null || level >= LEVEL_DEBUG) {
                        return 0;
                    }
                    MemorySegment out = buffer;
                    if (out == null) {
                        out = Arena.global().allocate(BUFFER);
                        buffer = out;
                    }
                    int length = (int) Native.VSNPRINTF.invokeExact(out, out.byteSize(), format, arguments);
                    if (length > 0) {
                        text.append(cString(out.asSlice(0, Math.min(length, out.byteSize() - 1))));
                    }
                }
                return 0;
            } catch (Throwable e) {
                // never unwind into libbpf
                return 0;
            }
        }
    }

    // --- symbols -----------------------------------------------------------------------------

    /** The bound functions; loaded on first use so that code not touching eBPF never needs libbpf. */
    private static final class Native {
        static final Linker LINKER = Linker.nativeLinker();
        static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
        private static final SymbolLookup LIBBPF = open();

        static final MethodHandle OPEN_MEM = bind(
                "bpf_object__open_mem", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, ADDRESS), CAPTURE_ERRNO);
        static final MethodHandle LOAD = bind("bpf_object__load", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        static final MethodHandle CLOSE_OBJECT = bind("bpf_object__close", FunctionDescriptor.ofVoid(ADDRESS));
        static final MethodHandle FIND_PROGRAM =
                bind("bpf_object__find_program_by_name", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        static final MethodHandle PROGRAM_FD = bind("bpf_program__fd", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        static final MethodHandle FIND_MAP =
                bind("bpf_object__find_map_by_name", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        static final MethodHandle MAP_FD = bind("bpf_map__fd", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        static final MethodHandle SET_MAX_ENTRIES =
                bind("bpf_map__set_max_entries", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        static final MethodHandle OBJ_PIN = bind("bpf_obj_pin", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
        static final MethodHandle OBJ_GET = bind("bpf_obj_get", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        static final MethodHandle OBJ_INFO =
                bind("bpf_obj_get_info_by_fd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        static final MethodHandle MAP_UPDATE =
                bind("bpf_map_update_elem", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));
        static final MethodHandle MAP_LOOKUP =
                bind("bpf_map_lookup_elem", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        static final MethodHandle MAP_DELETE =
                bind("bpf_map_delete_elem", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
        static final MethodHandle MAP_NEXT_KEY =
                bind("bpf_map_get_next_key", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        static final MethodHandle MAP_FREEZE = bind("bpf_map_freeze", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        static final MethodHandle POSSIBLE_CPUS = bind("libbpf_num_possible_cpus", FunctionDescriptor.of(JAVA_INT));
        static final MethodHandle TC_HOOK_CREATE = bind("bpf_tc_hook_create", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        static final MethodHandle TC_HOOK_DESTROY =
                bind("bpf_tc_hook_destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        static final MethodHandle TC_ATTACH = bind("bpf_tc_attach", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        static final MethodHandle TC_DETACH = bind("bpf_tc_detach", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        static final MethodHandle TC_QUERY = bind("bpf_tc_query", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        static final MethodHandle TEST_RUN =
                bind("bpf_prog_test_run_opts", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
        static final MethodHandle RING_NEW = bind(
                "ring_buffer__new", FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS), CAPTURE_ERRNO);
        static final MethodHandle RING_POLL =
                bind("ring_buffer__poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        static final MethodHandle RING_FREE = bind("ring_buffer__free", FunctionDescriptor.ofVoid(ADDRESS));
        static final MethodHandle STRERROR =
                bind("libbpf_strerror", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG));
        static final MethodHandle SET_PRINT = bind("libbpf_set_print", FunctionDescriptor.of(ADDRESS, ADDRESS));
        static final MethodHandle VSNPRINTF = LINKER.downcallHandle(
                LINKER.defaultLookup().findOrThrow("vsnprintf"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS));

        private static boolean printInstalled;

        private static SymbolLookup open() {
            try {
                return SymbolLookup.libraryLookup("libbpf.so.1", Arena.global());
            } catch (IllegalArgumentException e) {
                throw new BpfException(
                        "libbpf is not installed (libbpf.so.1 not found): install it with 'sudo bin/setup'"
                                + " (Debian package libbpf1)",
                        0);
            }
        }

        private static MethodHandle bind(String name, FunctionDescriptor descriptor, Linker.Option... options) {
            MemorySegment symbol = LIBBPF.find(name)
                    .orElseThrow(() -> new BpfException(
                            "libbpf.so.1 lacks " + name + ": pci-segment needs libbpf 1.1 or newer", 0));
            return LINKER.downcallHandle(symbol, descriptor, options);
        }

        /** Routes libbpf's messages to PrintCapture (once per process; the stub lives forever). */
        static void installPrint() {
            if (printInstalled) {
                return;
            }
            try {
                MethodHandle print = MethodHandles.lookup()
                        .findStatic(
                                PrintCapture.class,
                                "print",
                                MethodType.methodType(int.class, int.class, MemorySegment.class, MemorySegment.class));
                MemorySegment stub = LINKER.upcallStub(
                        print, FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS), Arena.global());
                MemorySegment unused = (MemorySegment) SET_PRINT.invokeExact(stub);
                // libbpf's default printer (stderr) is replaced for good; nothing to restore
                printInstalled = true;
            } catch (Throwable e) {
                throw unexpected(e);
            }
        }
    }
}
