package org.pcisegment.enforce.ebpf;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The few C library calls the eBPF backend needs besides libbpf: closing descriptors libbpf hands
 * out, and naming network interfaces in the calling thread's network namespace (sysfs shows the
 * namespace it was mounted in, which is not always the caller's).
 */
final class Libc {
    private Libc() {}

    /** A network interface of the current namespace. */
    record Interface(int index, String name) {}

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle NAME_TO_INDEX = LINKER.downcallHandle(
            LINKER.defaultLookup().findOrThrow("if_nametoindex"),
            FunctionDescriptor.of(JAVA_INT, ADDRESS),
            Linker.Option.captureCallState("errno"));
    private static final MethodHandle NAME_INDEX = bind("if_nameindex", FunctionDescriptor.of(ADDRESS));
    private static final MethodHandle FREE_NAME_INDEX = bind("if_freenameindex", FunctionDescriptor.ofVoid(ADDRESS));

    private static final MethodHandle MOUNT = LINKER.downcallHandle(
            LINKER.defaultLookup().findOrThrow("mount"),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS),
            Linker.Option.captureCallState("errno"));
    private static final MethodHandle SOCKET =
            bind("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle IOCTL = LINKER.downcallHandle(
            LINKER.defaultLookup().findOrThrow("ioctl"),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS),
            Linker.Option.firstVariadicArg(2),
            Linker.Option.captureCallState("errno"));

    /** ARPHRD_ETHER: the link type the data plane parses. */
    static final int LINK_ETHERNET = 1;

    static final int LINK_LOOPBACK = 772;

    private static MethodHandle bind(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow(name), descriptor);
    }

    static void close(int fd) {
        try {
            int unused = (int) CLOSE.invokeExact(fd);
        } catch (Throwable e) {
            throw new IllegalStateException("close(" + fd + ") failed", e);
        }
    }

    /** Mounts a bpf filesystem at {@code target} (mount(2), as {@code mount -t bpf bpf target}). */
    static void mountBpffs(java.nio.file.Path target) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = call.allocate(CALL_STATE);
            MemorySegment bpf = call.allocateFrom("bpf");
            int result = (int)
                    MOUNT.invokeExact(state, bpf, call.allocateFrom(target.toString()), bpf, 0L, MemorySegment.NULL);
            if (result != 0) {
                int errno = (int) ERRNO.get(state, 0L);
                throw new BpfException(
                        "cannot mount the BPF filesystem at " + target + ": " + Libbpf.errorText(errno), errno);
            }
        } catch (BpfException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("mount failed", e);
        }
    }

    /**
     * The link type (ARPHRD_*) of an interface of the calling thread's namespace, read with
     * SIOCGIFHWADDR: 1 is Ethernet, 772 loopback, 65534 a device without link header (tun, wg).
     */
    static int linkType(String name) {
        try (Arena call = Arena.ofConfined()) {
            int socket = (int) SOCKET.invokeExact(2 /* AF_INET */, 2 /* SOCK_DGRAM */, 0);
            if (socket < 0) {
                throw new BpfException("cannot open a socket to query interface '" + name + "'", 0);
            }
            try {
                // struct ifreq { char ifr_name[16]; struct sockaddr ifr_hwaddr; ... } (40 bytes)
                MemorySegment request = call.allocate(40, 8);
                byte[] bytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                if (bytes.length > 15) {
                    throw new BpfException("interface name too long: '" + name + "'", 0);
                }
                MemorySegment.copy(bytes, 0, request, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, bytes.length);
                MemorySegment state = call.allocate(CALL_STATE);
                int result = (int) IOCTL.invokeExact(state, socket, 0x8927L /* SIOCGIFHWADDR */, request);
                if (result != 0) {
                    int errno = (int) ERRNO.get(state, 0L);
                    throw new BpfException(
                            "cannot read the link type of interface '" + name + "': " + Libbpf.errorText(errno), errno);
                }
                return request.get(java.lang.foreign.ValueLayout.JAVA_SHORT, 16) & 0xFFFF;
            } finally {
                close(socket);
            }
        } catch (BpfException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("ioctl failed", e);
        }
    }

    /** The index of a named interface in the calling thread's namespace; 0 when there is none. */
    static int interfaceIndex(String name) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = call.allocate(CALL_STATE);
            int index = (int) NAME_TO_INDEX.invokeExact(state, call.allocateFrom(name));
            if (index == 0) {
                int errno = (int) ERRNO.get(state, 0L);
                if (errno != 19 /* ENODEV */ && errno != 6 /* ENXIO */) {
                    throw new BpfException(
                            "cannot look up interface '" + name + "': " + Libbpf.errorText(errno), errno);
                }
            }
            return index;
        } catch (BpfException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("if_nametoindex failed", e);
        }
    }

    /** Every interface of the calling thread's namespace, in index order. */
    static List<Interface> interfaces() {
        try {
            MemorySegment array = (MemorySegment) NAME_INDEX.invokeExact();
            if (array.equals(MemorySegment.NULL)) {
                throw new BpfException("cannot list the network interfaces (if_nameindex failed)", 0);
            }
            try {
                // struct if_nameindex { unsigned int if_index; char *if_name; }, ended by {0, NULL}
                MemorySegment entries = array.reinterpret(Long.MAX_VALUE);
                List<Interface> found = new ArrayList<>();
                for (long offset = 0; ; offset += 16) {
                    int index = entries.get(JAVA_INT, offset);
                    MemorySegment name = entries.get(ADDRESS, offset + 8);
                    if (index == 0 && name.equals(MemorySegment.NULL)) {
                        break;
                    }
                    found.add(new Interface(index, name.reinterpret(256).getString(0)));
                }
                found.sort(java.util.Comparator.comparingInt(Interface::index));
                return found;
            } finally {
                FREE_NAME_INDEX.invokeExact(array);
            }
        } catch (BpfException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("if_nameindex failed", e);
        }
    }
}
