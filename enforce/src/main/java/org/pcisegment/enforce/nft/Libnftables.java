package org.pcisegment.enforce.nft;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The libnftables binding through {@code java.lang.foreign}: one context per call, created, used
 * and freed on the calling thread (its netlink socket lives in that thread's network namespace),
 * output and errors captured in buffers, every return code checked. Calls are serialised: the
 * library is not documented as thread-safe.
 */
@SuppressWarnings("restricted") // loading and calling libnftables is what this class is for
final class Libnftables implements NftClient {
    /** {@code NFT_CTX_OUTPUT_JSON} from libnftables.h. */
    private static final int OUTPUT_JSON = 1 << 4;

    /** {@code NFT_CTX_OUTPUT_TERSE} from libnftables.h: listings leave set elements out. */
    private static final int OUTPUT_TERSE = 1 << 11;

    private static final String LIBRARY = "libnftables.so.1";
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static final Optional<Bindings> BINDINGS = load();

    private record Bindings(
            MethodHandle ctxNew,
            MethodHandle ctxFree,
            MethodHandle bufferOutput,
            MethodHandle bufferError,
            MethodHandle outputBuffer,
            MethodHandle errorBuffer,
            MethodHandle outputGetFlags,
            MethodHandle outputSetFlags,
            MethodHandle setDryRun,
            MethodHandle runFromBuffer) {}

    private final Bindings bindings;

    private Libnftables(Bindings bindings) {
        this.bindings = bindings;
    }

    /** The binding, when libnftables can be loaded on this machine. */
    static Optional<NftClient> open() {
        return BINDINGS.map(Libnftables::new);
    }

    @Override
    public String describe() {
        return "libnftables";
    }

    @Override
    public String run(String commands, Output output) {
        return execute(commands, output, false);
    }

    @Override
    public void check(String commands) {
        execute(commands, Output.TEXT, true);
    }

    private String execute(String commands, Output output, boolean dryRun) {
        LOCK.lock();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ctx = (MemorySegment) bindings.ctxNew().invokeExact(0);
            if (ctx.equals(MemorySegment.NULL)) {
                throw new NftException("nft_ctx_new failed: libnftables could not create a context");
            }
            try {
                expectZero((int) bindings.bufferOutput().invokeExact(ctx), "nft_ctx_buffer_output");
                expectZero((int) bindings.bufferError().invokeExact(ctx), "nft_ctx_buffer_error");
                int extra = switch (output) {
                    case TEXT -> 0;
                    case TERSE_TEXT -> OUTPUT_TERSE;
                    case JSON -> OUTPUT_JSON;
                };
                if (extra != 0) {
                    int flags = (int) bindings.outputGetFlags().invokeExact(ctx);
                    bindings.outputSetFlags().invokeExact(ctx, flags | extra);
                }
                if (dryRun) {
                    bindings.setDryRun().invokeExact(ctx, true);
                }
                int rc = (int) bindings.runFromBuffer().invokeExact(ctx, arena.allocateFrom(commands));
                String printed = string((MemorySegment) bindings.outputBuffer().invokeExact(ctx));
                String error = string((MemorySegment) bindings.errorBuffer().invokeExact(ctx));
                if (rc != 0) {
                    throw new NftException(
                            error.isBlank() ? "nftables refused the commands (code " + rc + ")" : error.strip());
                }
                return printed;
            } finally {
                bindings.ctxFree().invokeExact(ctx);
            }
        } catch (NftException e) {
            throw e;
        } catch (Throwable e) {
            throw new NftException("libnftables call failed: " + e, e);
        } finally {
            LOCK.unlock();
        }
    }

    private static void expectZero(int rc, String function) {
        if (rc != 0) {
            throw new NftException(function + " failed with code " + rc);
        }
    }

    private static String string(MemorySegment pointer) {
        return pointer.equals(MemorySegment.NULL)
                ? ""
                : pointer.reinterpret(Long.MAX_VALUE).getString(0);
    }

    private static Optional<Bindings> load() {
        SymbolLookup library;
        try {
            library = SymbolLookup.libraryLookup(LIBRARY, Arena.global());
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not installed: the nft program is the fallback
        }
        Linker linker = Linker.nativeLinker();
        try {
            return Optional.of(new Bindings(
                    linker.downcallHandle(library.findOrThrow("nft_ctx_new"), FunctionDescriptor.of(ADDRESS, JAVA_INT)),
                    linker.downcallHandle(library.findOrThrow("nft_ctx_free"), FunctionDescriptor.ofVoid(ADDRESS)),
                    linker.downcallHandle(
                            library.findOrThrow("nft_ctx_buffer_output"), FunctionDescriptor.of(JAVA_INT, ADDRESS)),
                    linker.downcallHandle(
                            library.findOrThrow("nft_ctx_buffer_error"), FunctionDescriptor.of(JAVA_INT, ADDRESS)),
                    linker.downcallHandle(
                            library.findOrThrow("nft_ctx_get_output_buffer"), FunctionDescriptor.of(ADDRESS, ADDRESS)),
                    linker.downcallHandle(
                            library.findOrThrow("nft_ctx_get_error_buffer"), FunctionDescriptor.of(ADDRESS, ADDRESS)),
                    linker.downcallHandle(
                            library.findOrThrow("nft_ctx_output_get_flags"), FunctionDescriptor.of(JAVA_INT, ADDRESS)),
                    linker.downcallHandle(
                            library.findOrThrow("nft_ctx_output_set_flags"),
                            FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT)),
                    linker.downcallHandle(
                            library.findOrThrow("nft_ctx_set_dry_run"),
                            FunctionDescriptor.ofVoid(ADDRESS, JAVA_BOOLEAN)),
                    linker.downcallHandle(
                            library.findOrThrow("nft_run_cmd_from_buffer"),
                            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS))));
        } catch (java.util.NoSuchElementException e) {
            return Optional.empty(); // an incompatible library: fall back to the nft program
        }
    }
}
