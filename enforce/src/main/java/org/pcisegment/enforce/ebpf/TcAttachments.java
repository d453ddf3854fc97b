package org.pcisegment.enforce.ebpf;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Where the programs are attached: the clsact ingress and egress hooks of the enforced interfaces,
 * as direct-action filters at a fixed handle and priority that mark them as ours. Everything here
 * works in the calling thread's network namespace.
 */
final class TcAttachments {
    private TcAttachments() {}

    /** The handle of our filters ("pcis" would not fit in 16 bits); the priority runs them first. */
    static final int HANDLE = 0x9c15;

    static final int PRIORITY = 1;

    /**
     * The interfaces to enforce: those named (each must exist and be Ethernet), or, when none is
     * named, every interface but loopback. A device without Ethernet framing (tun, WireGuard) is
     * refused rather than skipped: the program parses Ethernet, and traffic through an interface
     * left out would pass unjudged.
     */
    static List<Libc.Interface> select(List<String> names) {
        List<Libc.Interface> chosen = new ArrayList<>();
        if (names.isEmpty()) {
            for (Libc.Interface candidate : Libc.interfaces()) {
                if (Libc.linkType(candidate.name()) != Libc.LINK_LOOPBACK) {
                    chosen.add(candidate);
                }
            }
        } else {
            for (String name : names) {
                int index = Libc.interfaceIndex(name);
                if (index == 0) {
                    throw new BpfException("no interface '" + name + "' in this network namespace", 19);
                }
                chosen.add(new Libc.Interface(index, name));
            }
        }
        List<String> refused = new ArrayList<>();
        for (Libc.Interface candidate : chosen) {
            int type = Libc.linkType(candidate.name());
            if (type != Libc.LINK_ETHERNET) {
                refused.add(candidate.name() + " (link type " + type + ")");
            }
        }
        if (!refused.isEmpty()) {
            throw new BpfException(
                    "the eBPF data plane parses Ethernet frames and cannot enforce on " + String.join(", ", refused)
                            + (names.isEmpty() ? ": name the interfaces to enforce with --interface" : ""),
                    22);
        }
        if (chosen.isEmpty()) {
            throw new BpfException("no interface to enforce on in this network namespace", 19);
        }
        return chosen;
    }

    /** The interfaces of this namespace where the pinned programs are attached (on either hook). */
    static List<Libc.Interface> attached(PinnedObjects objects) {
        int ingress = Libbpf.programInfo(objects.program(Libbpf.TcHook.INGRESS)).id();
        int egress = Libbpf.programInfo(objects.program(Libbpf.TcHook.EGRESS)).id();
        List<Libc.Interface> found = new ArrayList<>();
        for (Libc.Interface candidate : Libc.interfaces()) {
            OptionalInt in = Libbpf.tcQuery(candidate.index(), Libbpf.TcHook.INGRESS, HANDLE, PRIORITY);
            OptionalInt out = Libbpf.tcQuery(candidate.index(), Libbpf.TcHook.EGRESS, HANDLE, PRIORITY);
            if ((in.isPresent() && in.getAsInt() == ingress) || (out.isPresent() && out.getAsInt() == egress)) {
                found.add(candidate);
            }
        }
        return found;
    }

    /**
     * Attaches both programs to every interface (replacing our earlier filters in place). When one
     * attachment fails, those made by this call are taken back (qdiscs it created included) before
     * the exception propagates: nothing is left half-attached.
     */
    static void attach(PinnedObjects objects, List<Libc.Interface> interfaces, List<Libc.Interface> before) {
        List<Libc.Interface> attachedNow = new ArrayList<>();
        List<Libc.Interface> createdQdiscs = new ArrayList<>();
        try {
            for (Libc.Interface target : interfaces) {
                if (Libbpf.tcHookCreate(target.index())) {
                    createdQdiscs.add(target);
                }
                boolean wasOurs = before.contains(target);
                if (!wasOurs) {
                    attachedNow.add(target);
                }
                for (Libbpf.TcHook hook : Libbpf.TcHook.values()) {
                    Libbpf.tcAttach(target.index(), hook, objects.program(hook), HANDLE, PRIORITY, true);
                }
            }
        } catch (BpfException e) {
            for (Libc.Interface target : attachedNow) {
                try {
                    detach(target);
                } catch (BpfException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            for (Libc.Interface target : createdQdiscs) {
                try {
                    Libbpf.tcHookDestroy(target.index());
                } catch (BpfException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
    }

    /** Removes our filters from both hooks of an interface (other filters stay). */
    static void detach(Libc.Interface target) {
        for (Libbpf.TcHook hook : Libbpf.TcHook.values()) {
            Libbpf.tcDetach(target.index(), hook, HANDLE, PRIORITY);
        }
    }
}
