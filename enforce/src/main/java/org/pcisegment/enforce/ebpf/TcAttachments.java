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

    /** One of our filters: the program attached at our handle and priority on a hook of an interface. */
    record Filter(Libc.Interface target, Libbpf.TcHook hook, int programId) {}

    /**
     * Every filter of ours in this namespace, whether or not its program is still pinned: the
     * program at our handle and priority whose kernel name is one of our programs' (the kernel
     * keeps the first 15 characters). Finds the filters an installation left attached when its
     * pins vanished (a bpffs mounted in a mount namespace that died with the process).
     */
    static List<Filter> ours() {
        List<Filter> found = new ArrayList<>();
        for (Libc.Interface candidate : Libc.interfaces()) {
            for (Libbpf.TcHook hook : Libbpf.TcHook.values()) {
                OptionalInt id = Libbpf.tcQuery(candidate.index(), hook, HANDLE, PRIORITY);
                if (id.isPresent()
                        && Libbpf.programInfoById(id.getAsInt())
                                .filter(info -> isOurProgram(info.name()))
                                .isPresent()) {
                    found.add(new Filter(candidate, hook, id.getAsInt()));
                }
            }
        }
        return found;
    }

    static boolean isOurProgram(String kernelName) {
        return !kernelName.isEmpty()
                && (MapLayout.INGRESS_PROGRAM.startsWith(kernelName)
                        || MapLayout.EGRESS_PROGRAM.startsWith(kernelName));
    }

    /** The interfaces of this namespace where the pinned programs are attached (on either hook). */
    static List<Libc.Interface> attached(PinnedObjects objects) {
        List<Integer> pinned = pinnedIds(objects);
        return ours().stream()
                .filter(filter -> pinned.contains(filter.programId()))
                .map(Filter::target)
                .distinct()
                .toList();
    }

    /**
     * Our filters whose program is not the pinned one ({@code objects} empty: every filter of
     * ours): left by an installation whose pins are gone, so nothing manages them any more.
     */
    static List<Filter> unmanaged(java.util.Optional<PinnedObjects> objects) {
        List<Integer> pinned = objects.map(TcAttachments::pinnedIds).orElse(List.of());
        return ours().stream()
                .filter(filter -> !pinned.contains(filter.programId()))
                .toList();
    }

    private static List<Integer> pinnedIds(PinnedObjects objects) {
        return List.of(
                Libbpf.programInfo(objects.program(Libbpf.TcHook.INGRESS)).id(),
                Libbpf.programInfo(objects.program(Libbpf.TcHook.EGRESS)).id());
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

    /** Removes one filter of ours (other filters and the clsact qdisc stay). */
    static void detach(Filter filter) {
        Libbpf.tcDetach(filter.target().index(), filter.hook(), HANDLE, PRIORITY);
    }

    /** Removes our filters from both hooks of an interface (other filters stay). */
    static void detach(Libc.Interface target) {
        for (Libbpf.TcHook hook : Libbpf.TcHook.values()) {
            Libbpf.tcDetach(target.index(), hook, HANDLE, PRIORITY);
        }
    }
}
