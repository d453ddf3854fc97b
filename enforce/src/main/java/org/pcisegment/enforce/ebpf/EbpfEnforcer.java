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
            MapImage image = MapImage.read(objects);
            return new InstalledState.Present(metadata(objects), InstalledItems.of(image));
        } catch (BpfException e) {
            throw new EnforcementException("cannot read the installed eBPF maps: " + e.getMessage(), true, e);
        }
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
        Snapshot previous = snapshot();
        ChangePlan plan = diff(desired, installed());
        DataPlanePolicy policy = policy(desired);
        boolean fresh = !PinnedObjects.present(pins);
        PinnedObjects objects;
        try {
            objects = fresh ? PinnedObjects.load(pins) : PinnedObjects.open(pins);
        } catch (BpfException e) {
            throw loadFailure(e);
        }
        ApplyReport report;
        try (objects) {
            MapImage current = fresh ? MapImage.empty() : MapImage.read(objects);
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
                int cut = fresh ? 0 : ConnectionTable.prune(objects, policy);
                if (!MapTransaction.same(MapImage.read(objects), next)) {
                    throw new BpfException("the maps read back differ from the entries written", 0);
                }
                report = new ApplyReport(
                        fresh, written.total(), written.nanos(), seeded, cut, MapSnapshot.names(targets));
            } catch (BpfException e) {
                throw rolledBack(previous, String.valueOf(e.getMessage()));
            }
        }
        InstalledState after = installed();
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
            MapLayout.Config config =
                    ConfigMap.read(objects).orElseGet(() -> options.settings().config(new byte[32], 0, 0, ""));
            List<String> attached = MapSnapshot.names(TcAttachments.attached(objects));
            return new Snapshot(NAME, Optional.of(new MapSnapshot(config, attached, MapImage.read(objects)).encode()));
        } catch (BpfException e) {
            throw new EnforcementException("cannot save the installed eBPF state: " + e.getMessage(), true, e);
        }
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
            }
        } catch (BpfException | MapTransaction.UpdateFailed e) {
            throw new EnforcementException("restoring the previous eBPF state failed: " + e.getMessage(), false, e);
        }
    }

    @Override
    public EnforcementStatus status() {
        Path pins = pins();
        if (!PinnedObjects.present(pins)) {
            return EnforcementStatus.notInstalled(NAME);
        }
        try (PinnedObjects objects = PinnedObjects.open(pins)) {
            MapImage image = MapImage.read(objects);
            List<Integer> ids = new ArrayList<>();
            for (int id = 0; id < MapLayout.FIRST_DYNAMIC_COUNTER; id++) {
                ids.add(id);
            }
            ids.addAll(new TreeSet<>(image.ruleInfo().keySet()));
            return new EnforcementStatus(
                    NAME,
                    metadata(objects),
                    InstalledItems.of(image).size(),
                    InstalledItems.counters(image, Counters.read(objects, ids)),
                    details(objects).lines());
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

    @Override
    public Removed disable() {
        Snapshot previous = snapshot();
        InstalledState before = installed();
        if (before instanceof InstalledState.Absent) {
            return new Removed(before, previous);
        }
        try {
            remove();
        } catch (BpfException e) {
            throw new EnforcementException("cannot remove the eBPF data plane: " + e.getMessage(), false, e);
        }
        if (PinnedObjects.present(pins())) {
            throw new EnforcementException("the eBPF pins are still there after removing them", false);
        }
        return new Removed(before, previous);
    }

    /** Detaches our programs from every interface of this namespace, then removes the pins. */
    private void remove() {
        Path pins = pins();
        if (!Files.isDirectory(pins)) {
            return;
        }
        if (PinnedObjects.present(pins)) {
            try (PinnedObjects objects = PinnedObjects.open(pins)) {
                for (Libc.Interface target : TcAttachments.attached(objects)) {
                    TcAttachments.detach(target);
                }
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
