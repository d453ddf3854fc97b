package org.pcisegment.enforce.ebpf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.pcisegment.core.ir.HostRules;
import org.pcisegment.enforce.Applied;
import org.pcisegment.enforce.ChangePlan;
import org.pcisegment.enforce.DesiredState;
import org.pcisegment.enforce.EnforcementException;
import org.pcisegment.enforce.EnforcementMetadata;
import org.pcisegment.enforce.EnforcementStatus;
import org.pcisegment.enforce.Enforcer;
import org.pcisegment.enforce.InstalledState;
import org.pcisegment.enforce.Removed;
import org.pcisegment.enforce.Snapshot;

/**
 * The eBPF backend: a TC program on the ingress and egress of the enforced interfaces judges every
 * packet by looking up maps that this class fills from the IR. The program and maps are pinned per
 * network namespace, so enforcement outlives the process and {@link #status} reads it back; a
 * policy change is a diff of map entries written while the program stays attached, undone when a
 * write fails. Works in the network namespace of the calling thread.
 */
public final class EbpfEnforcer implements Enforcer {
    public static final String NAME = "ebpf";

    private final EbpfOptions options;
    private @Nullable ApplyReport lastApply;

    public EbpfEnforcer(EbpfOptions options) {
        this.options = options;
    }

    /** What the last successful {@link #apply} did in the kernel, for the CLI and benchmarks. */
    public record ApplyReport(
            boolean loaded,
            int entriesWritten,
            long mapUpdateNanos,
            int connectionsSeeded,
            int connectionsCut,
            List<String> interfaces) {}

    /** eBPF-specific facts for {@code status}: where it is pinned and attached, and table sizes. */
    public record Details(
            Path pins,
            List<String> interfaces,
            int ingressProgramId,
            int egressProgramId,
            String programTag,
            long generation,
            int subjectPrefixes,
            int peerPrefixes,
            int portPrefixes,
            int trackedConnections,
            long eventsSuppressed,
            long eventsLost) {

        /** The details as status lines, in display order. */
        public java.util.Map<String, String> lines() {
            java.util.Map<String, String> lines = new java.util.LinkedHashMap<>();
            lines.put(
                    "Interfaces",
                    interfaces.isEmpty() ? "NONE (not attached: nothing is enforced)" : String.join(", ", interfaces));
            lines.put(
                    "Programs",
                    "ingress id " + ingressProgramId + ", egress id " + egressProgramId + ", tag " + programTag);
            lines.put("Pinned under", pins.toString());
            lines.put("Generation", Long.toString(generation));
            lines.put(
                    "Map entries",
                    subjectPrefixes + " subject, " + peerPrefixes + " peer, " + portPrefixes + " port prefixes");
            lines.put("Tracked connections", Integer.toString(trackedConnections));
            lines.put(
                    "Deny events",
                    eventsSuppressed + " suppressed by the rate limit, " + eventsLost + " lost (ring buffer full)");
            return lines;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String target() {
        String where = options.interfaces().isEmpty()
                ? "every non-loopback interface"
                : String.join(", ", options.interfaces());
        return "eBPF TC programs on " + where + ", maps pinned under " + pins();
    }

    @Override
    public String installedTarget() {
        String where;
        try {
            List<TcAttachments.Filter> ours = TcAttachments.ours();
            where = ours.isEmpty() ? "no interface (nothing attached)" : describe(ours);
        } catch (BpfException e) {
            where = "interfaces that cannot be read (" + e.getMessage() + ")";
        }
        return "eBPF TC programs on " + where + ", maps pinned under " + pins();
    }

    /**
     * A forwarder of the installed data plane's deny events into {@code sink} (see {@link
     * DenyEventForwarder}), for {@code enforce --follow}.
     */
    public DenyEventForwarder denyEvents(org.pcisegment.audit.AuditSink sink) {
        Path pins = pins();
        if (!PinnedObjects.present(pins)) {
            throw new EnforcementException(
                    "no eBPF data plane is pinned under " + pins + ": no deny events to read", true);
        }
        try {
            return DenyEventForwarder.open(pins, sink);
        } catch (BpfException e) {
            throw new EnforcementException("cannot open the deny-event ring buffer: " + e.getMessage(), true, e);
        }
    }

    /** The pin directory of the calling thread's network namespace. */
    public Path pins() {
        return options.pinRoot().resolve("netns-" + networkNamespace());
    }

    private static String networkNamespace() {
        try {
            String link =
                    Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString();
            // "net:[4026531840]"
            return link.substring(link.indexOf('[') + 1, link.indexOf(']'));
        } catch (IOException | IndexOutOfBoundsException e) {
            throw new EnforcementException("cannot identify the network namespace: " + e.getMessage(), true, e);
        }
    }

    @Override
    public String render(DesiredState desired) {
        MapImage image = MapPlanner.plan(policy(desired), MapImage.empty());
        return MapText.render(image, desired);
    }

    @Override
    public InstalledState installed() {
        Path pins = pins();
        if (!PinnedObjects.present(pins)) {
            return InstalledState.absent();
        }
        try (PinnedObjects objects = PinnedObjects.open(pins)) {
            return installed(objects, MapImage.read(objects));
        } catch (BpfException e) {
            throw new EnforcementException("cannot read the installed eBPF maps: " + e.getMessage(), true, e);
        }
    }

    private static InstalledState installed(PinnedObjects objects, MapImage image) {
        return new InstalledState.Present(metadata(objects), InstalledItems.of(image));
    }

    private static Optional<EnforcementMetadata> metadata(PinnedObjects objects) {
        return ConfigMap.read(objects).flatMap(config -> {
            try {
                return Optional.of(new EnforcementMetadata(
                        HexFormat.of().formatHex(config.policySha256()),
                        Instant.ofEpochSecond(config.appliedAtSeconds()),
                        config.toolVersion()));
            } catch (IllegalArgumentException unreadable) {
                return Optional.empty();
            }
        });
    }

    /** The data plane's policy for a desired state: its workload, if it restricts anything. */
    static DataPlanePolicy policy(DesiredState desired) {
        List<HostRules> hosts = desired.restrictsAnything() ? List.of(desired.host()) : List.of();
        return new DataPlanePolicy(hosts, desired.effectiveManagement().items());
    }

    @Override
    public Applied apply(DesiredState desired) {
        Path pins = pins();
        List<Libc.Interface> targets;
        try {
            targets = TcAttachments.select(options.interfaces());
        } catch (BpfException e) {
            throw new EnforcementException(e.getMessage() + "; nothing was changed", true, e);
        }
        DataPlanePolicy policy = policy(desired);
        boolean fresh = !PinnedObjects.present(pins);
        PinnedObjects objects;
        try {
            objects = fresh ? PinnedObjects.load(pins) : PinnedObjects.open(pins);
        } catch (BpfException e) {
            throw loadFailure(e);
        }
        // The maps are read twice (before and after writing): at 100k rules one read is ~300k
        // entries at two system calls each, so the snapshot, plan and checks share those reads.
        Snapshot previous;
        ChangePlan plan;
        ApplyReport report;
        InstalledState after;
        try (objects) {
            MapImage current;
            try {
                current = fresh ? MapImage.empty() : MapImage.read(objects);
                previous = fresh ? new Snapshot(NAME, Optional.empty()) : snapshot(objects, current);
            } catch (BpfException e) {
                throw new EnforcementException("cannot read the installed eBPF maps: " + e.getMessage(), true, e);
            }
            plan = diff(desired, fresh ? InstalledState.absent() : installed(objects, current));
            MapImage next = MapPlanner.plan(policy, current);
            MapTransaction.Applied written;
            try {
                written = MapTransaction.apply(objects, MapTransaction.diff(current, next));
            } catch (MapTransaction.UpdateFailed e) {
                if (fresh) {
                    objects.unpin();
                }
                throw new EnforcementException(String.valueOf(e.getMessage()), e.undone(), e);
            }
            try {
                long generation = ConfigMap.read(objects)
                                .map(MapLayout.Config::generation)
                                .orElse(0L)
                        + 1;
                ConfigMap.write(
                        objects,
                        options.settings()
                                .config(
                                        HexFormat.of()
                                                .parseHex(desired.metadata().ruleSetSha256()),
                                        generation,
                                        desired.metadata().appliedAt().getEpochSecond(),
                                        desired.metadata().toolVersion()));
                int seeded = fresh ? ConnectionTable.seed(objects, ConnectionTable.established()) : 0;
                List<Libc.Interface> before = fresh ? List.of() : TcAttachments.attached(objects);
                TcAttachments.attach(objects, targets, before);
                for (Libc.Interface stale : before) {
                    if (!targets.contains(stale)) {
                        TcAttachments.detach(stale);
                    }
                }
                // filters an earlier installation left when its pins vanished: this one replaces it
                for (TcAttachments.Filter leftover : TcAttachments.unmanaged(Optional.of(objects))) {
                    TcAttachments.detach(leftover);
                }
                int cut = fresh ? 0 : ConnectionTable.prune(objects, policy);
                MapImage readBack = MapImage.read(objects);
                if (!MapTransaction.same(readBack, next)) {
                    throw new BpfException("the maps read back differ from the entries written", 0);
                }
                after = installed(objects, readBack);
                report = new ApplyReport(
                        fresh, written.total(), written.nanos(), seeded, cut, MapSnapshot.names(targets));
            } catch (BpfException e) {
                throw rolledBack(previous, String.valueOf(e.getMessage()));
            }
        }
        Optional<String> mismatch = desired.differencesFrom(after);
        if (mismatch.isPresent()) {
            throw rolledBack(previous, "the maps read back differ from the desired state: " + mismatch.get());
        }
        lastApply = report;
        return new Applied(plan, (InstalledState.Present) after, previous);
    }

    /** What the last apply of this instance did; empty before the first. */
    public Optional<ApplyReport> lastApply() {
        return Optional.ofNullable(lastApply);
    }

    private static EnforcementException loadFailure(BpfException e) {
        StringBuilder message =
                new StringBuilder("cannot load the eBPF data plane, nothing was installed: ").append(e.getMessage());
        e.verifierLog().ifPresent(log -> message.append("\nverifier log:\n").append(log.strip()));
        return new EnforcementException(message.toString(), true, e);
    }

    private Snapshot snapshot() {
        Path pins = pins();
        if (!PinnedObjects.present(pins)) {
            return new Snapshot(NAME, Optional.empty());
        }
        try (PinnedObjects objects = PinnedObjects.open(pins)) {
            return snapshot(objects, MapImage.read(objects));
        } catch (BpfException e) {
            throw new EnforcementException("cannot save the installed eBPF state: " + e.getMessage(), true, e);
        }
    }

    private Snapshot snapshot(PinnedObjects objects, MapImage image) {
        MapLayout.Config config =
                ConfigMap.read(objects).orElseGet(() -> options.settings().config(new byte[32], 0, 0, ""));
        List<String> attached = MapSnapshot.names(TcAttachments.attached(objects));
        return new Snapshot(NAME, Optional.of(new MapSnapshot(config, attached, image).encode()));
    }

    @Override
    public void restore(Snapshot previous) {
        Optional<MapSnapshot> saved;
        try {
            saved = MapSnapshot.parse(previous.content());
        } catch (IllegalArgumentException e) {
            throw new EnforcementException("the saved eBPF state is unreadable: " + e.getMessage(), false, e);
        }
        try {
            if (saved.isEmpty()) {
                remove();
                return;
            }
            MapSnapshot snapshot = saved.get();
            Path pins = pins();
            boolean fresh = !PinnedObjects.present(pins);
            try (PinnedObjects objects = fresh ? PinnedObjects.load(pins) : PinnedObjects.open(pins)) {
                MapImage current = fresh ? MapImage.empty() : MapImage.read(objects);
                MapTransaction.apply(objects, MapTransaction.diff(current, snapshot.image()));
                ConfigMap.write(objects, snapshot.config());
                List<Libc.Interface> targets = TcAttachments.select(snapshot.interfaces());
                List<Libc.Interface> before = fresh ? List.of() : TcAttachments.attached(objects);
                TcAttachments.attach(objects, targets, before);
                for (Libc.Interface stale : before) {
                    if (!targets.contains(stale)) {
                        TcAttachments.detach(stale);
                    }
                }
                for (TcAttachments.Filter leftover : TcAttachments.unmanaged(Optional.of(objects))) {
                    TcAttachments.detach(leftover);
                }
            }
        } catch (BpfException | MapTransaction.UpdateFailed e) {
            throw new EnforcementException("restoring the previous eBPF state failed: " + e.getMessage(), false, e);
        }
    }

    @Override
    public EnforcementStatus status() {
        Path pins = pins();
        try {
            if (!PinnedObjects.present(pins)) {
                List<TcAttachments.Filter> unmanaged = TcAttachments.unmanaged(Optional.empty());
                if (unmanaged.isEmpty()) {
                    return EnforcementStatus.notInstalled(NAME);
                }
                java.util.Map<String, String> lines = new java.util.LinkedHashMap<>();
                lines.put("Interfaces", describe(unmanaged));
                lines.put("Pinned under", pins + " (missing)");
                return new EnforcementStatus(
                        NAME, Optional.empty(), 0, List.of(), lines, Optional.of(unmanagedText(unmanaged, pins)));
            }
            try (PinnedObjects objects = PinnedObjects.open(pins)) {
                MapImage image = MapImage.read(objects);
                List<Integer> ids = new ArrayList<>();
                for (int id = 0; id < MapLayout.FIRST_DYNAMIC_COUNTER; id++) {
                    ids.add(id);
                }
                ids.addAll(new TreeSet<>(image.ruleInfo().keySet()));
                List<TcAttachments.Filter> unmanaged = TcAttachments.unmanaged(Optional.of(objects));
                return new EnforcementStatus(
                        NAME,
                        metadata(objects),
                        InstalledItems.of(image).size(),
                        InstalledItems.counters(image, Counters.read(objects, ids)),
                        details(objects).lines(),
                        unmanaged.isEmpty() ? Optional.empty() : Optional.of(unmanagedText(unmanaged, pins)));
            }
        } catch (BpfException e) {
            throw new EnforcementException("cannot read the installed eBPF maps: " + e.getMessage(), true, e);
        }
    }

    /** Where the data plane is pinned and attached, and how full its tables are; empty when absent. */
    public Optional<Details> details() {
        Path pins = pins();
        if (!PinnedObjects.present(pins)) {
            return Optional.empty();
        }
        try (PinnedObjects objects = PinnedObjects.open(pins)) {
            return Optional.of(details(objects));
        } catch (BpfException e) {
            throw new EnforcementException("cannot read the installed eBPF state: " + e.getMessage(), true, e);
        }
    }

    private Details details(PinnedObjects objects) {
        {
            Libbpf.ProgramInfo ingress = Libbpf.programInfo(objects.program(Libbpf.TcHook.INGRESS));
            Libbpf.ProgramInfo egress = Libbpf.programInfo(objects.program(Libbpf.TcHook.EGRESS));
            int suppressed = MapLayout.FIXED_COUNTERS.indexOf("deny events suppressed by the rate limit");
            int lost = MapLayout.FIXED_COUNTERS.indexOf("deny events lost: ring buffer full");
            var counts = Counters.read(
                    objects,
                    List.of(suppressed, suppressed + MapLayout.HOOK_STRIDE, lost, lost + MapLayout.HOOK_STRIDE));
            return new Details(
                    objects.directory(),
                    MapSnapshot.names(TcAttachments.attached(objects)),
                    ingress.id(),
                    egress.id(),
                    ingress.tag(),
                    ConfigMap.read(objects).map(MapLayout.Config::generation).orElse(0L),
                    objects.map(MapLayout.SUBJECTS).size(),
                    objects.map(MapLayout.PEERS).size(),
                    objects.map(MapLayout.PORTS).size(),
                    objects.map(MapLayout.CONNS).size(),
                    packets(counts, suppressed) + packets(counts, suppressed + MapLayout.HOOK_STRIDE),
                    packets(counts, lost) + packets(counts, lost + MapLayout.HOOK_STRIDE));
        }
    }

    private static long packets(java.util.Map<Integer, Counters.Count> counts, int id) {
        Counters.Count count = counts.get(id);
        return count == null ? 0 : count.packets();
    }

    /**
     * Why unmanaged filters are a problem, for {@code status}: they judge traffic by maps nothing
     * can read or change any more.
     */
    private static String unmanagedText(List<TcAttachments.Filter> unmanaged, Path pins) {
        return "pci-segment filters on " + describe(unmanaged) + " are active but their maps are not reachable"
                + " (not pinned under " + pins + "; the bpffs holding them is gone, e.g. it was mounted in a"
                + " private mount namespace that ended): what they enforce cannot be read or changed;"
                + " run 'pci-segment disable --backend ebpf' to remove them";
    }

    /** "eth0 (ingress, egress), eth1 (ingress)". */
    private static String describe(List<TcAttachments.Filter> filters) {
        java.util.Map<String, List<String>> hooks = new java.util.LinkedHashMap<>();
        for (TcAttachments.Filter filter : filters) {
            hooks.computeIfAbsent(filter.target().name(), name -> new ArrayList<>())
                    .add(filter.hook().name().toLowerCase(java.util.Locale.ROOT));
        }
        List<String> parts = new ArrayList<>();
        hooks.forEach((name, on) -> parts.add(name + " (" + String.join(", ", on) + ")"));
        return String.join(", ", parts);
    }

    /**
     * Removes the pinned installation and every filter of ours, including filters left attached by
     * an installation whose pins vanished: then the removed state is reported as present with an
     * unknown rule set and no readable rules. The clsact qdiscs stay: libbpf cannot tell whether
     * other filters hang there, and an empty clsact qdisc filters nothing.
     */
    @Override
    public Removed disable() {
        Snapshot previous = snapshot();
        InstalledState before;
        try {
            before = installed();
            if (before instanceof InstalledState.Absent) {
                if (TcAttachments.ours().isEmpty()) {
                    return new Removed(before, previous);
                }
                before = new InstalledState.Present(Optional.empty(), List.of());
            }
            remove();
        } catch (BpfException e) {
            throw new EnforcementException("cannot remove the eBPF data plane: " + e.getMessage(), false, e);
        }
        if (PinnedObjects.present(pins())) {
            throw new EnforcementException("the eBPF pins are still there after removing them", false);
        }
        List<TcAttachments.Filter> left = TcAttachments.ours();
        if (!left.isEmpty()) {
            throw new EnforcementException(
                    "pci-segment filters are still attached after removing them: " + describe(left), false);
        }
        return new Removed(before, previous);
    }

    /** Detaches every filter of ours from every interface of this namespace, then removes the pins. */
    private void remove() {
        for (TcAttachments.Filter filter : TcAttachments.ours()) {
            TcAttachments.detach(filter);
        }
        Path pins = pins();
        if (!Files.isDirectory(pins)) {
            return;
        }
        if (PinnedObjects.present(pins)) {
            try (PinnedObjects objects = PinnedObjects.open(pins)) {
                objects.unpin();
            }
        } else {
            try (var entries = Files.list(pins)) {
                for (Path entry : entries.toList()) {
                    Files.deleteIfExists(entry);
                }
                Files.deleteIfExists(pins);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + pins, e);
            }
        }
    }
}
