package org.pcisegment.core.ir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.FutureTask;
import org.jspecify.annotations.Nullable;
import org.pcisegment.core.concurrent.Futures;
import org.pcisegment.core.inventory.Inventory;
import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.load.PolicySet;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.IpRange;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.policy.Direction;

/**
 * The compiled policy set: per inventory workload and direction, the restriction and the allow
 * rules ({@link HostRules}), and the decision on any flow. A flow between two inventory workloads
 * needs the source's egress and the destination's ingress; an address outside the inventory is
 * unconstrained on its own side; an unrestricted direction allows everything. Immutable and safe
 * to share between threads.
 */
public final class RuleSet {
    private static final SideDecision OUTSIDE_SOURCE = new SideDecision.Outside(Direction.EGRESS);
    private static final SideDecision OUTSIDE_DESTINATION = new SideDecision.Outside(Direction.INGRESS);

    private final PolicySet policySet;
    private final List<HostRules> hosts;
    private final HostRules[] hostArray;
    private final Map<String, HostRules> byName;
    private final List<Rule> rules;
    private final AddressIndex workloadIndex;
    private final DecisionIndex decisionIndex;
    private final FutureTask<String> sha256 = new FutureTask<>(this::computeSha256);

    RuleSet(PolicySet policySet, List<HostRules> hosts, List<Rule> rules) {
        this.policySet = policySet;
        this.hosts = List.copyOf(hosts);
        this.hostArray = hosts.toArray(HostRules[]::new);
        this.rules = List.copyOf(rules);
        this.byName = new HashMap<>();
        record Owned(IpRange range, int host) {}
        List<Owned> owned = new ArrayList<>();
        for (int i = 0; i < hostArray.length; i++) {
            byName.put(hostArray[i].workload().name(), hostArray[i]);
            for (IpRange range : inventory().prefixesOf(hostArray[i].workload()).ranges()) {
                owned.add(new Owned(range, i));
            }
        }
        // The loader guarantees no address belongs to two workloads, so the ranges are disjoint.
        owned.sort(Comparator.comparing((Owned o) -> o.range().first()));
        AddressIndex.Builder builder = AddressIndex.builder();
        owned.forEach(o -> builder.put(o.range(), o.host()));
        this.workloadIndex = builder.build();
        this.decisionIndex = new DecisionIndex(workloadIndex, hostArray);
    }

    public PolicySet policySet() {
        return policySet;
    }

    public Inventory inventory() {
        return policySet.inventory();
    }

    /** One entry per inventory workload, in inventory order. */
    public List<HostRules> hosts() {
        return hosts;
    }

    public Optional<HostRules> host(String workloadName) {
        return Optional.ofNullable(byName.get(workloadName));
    }

    public HostRules host(Workload workload) {
        HostRules host = byName.get(workload.name());
        if (host == null) {
            throw new IllegalArgumentException("workload '" + workload.name() + "' is not in this rule set");
        }
        return host;
    }

    /** Every compiled rule, in compile order (policy, direction, rule, protocol, subject). */
    public List<Rule> rules() {
        return rules;
    }

    public int size() {
        return rules.size();
    }

    /** The inventory workload that owns an address (indexed, no scan). */
    public Optional<Workload> workloadAt(IpAddress address) {
        int host = workloadIndex.lookup(address);
        return host == AddressIndex.NONE ? Optional.empty() : Optional.of(hostArray[host].workload());
    }

    /**
     * The verdict on a flow, citing the first matching rule of each side in compile order. Index
     * lookups only, over flat arrays: two address-to-workload lookups, then per restricted side one
     * read of a peer table (a peer in the inventory) or one address search (any other peer), and
     * one port search; the only allocation is the verdict.
     */
    public Verdict decide(Flow flow) {
        return decisionIndex.decide(flow);
    }

    /** {@link #decide}'s index built with at most {@code maxPeerTables} peer-table entries: for tests. */
    DecisionIndex decisionIndex(int maxPeerTables) {
        return new DecisionIndex(workloadIndex, hostArray, maxPeerTables);
    }

    /** The action of {@link #decide}, without building the verdict (and allocating nothing). */
    public Action action(Flow flow) {
        return decisionIndex.action(flow);
    }

    /** The same verdict as {@link #decide}, citing every rule that admits the flow on each side. */
    public Verdict explain(Flow flow) {
        Optional<Workload> source = workloadAt(flow.source());
        Optional<Workload> destination = workloadAt(flow.destination());
        SideDecision egress = source.map(
                        w -> host(w).egress().explain(flow.destination(), flow.protocol(), flow.port()))
                .orElse(OUTSIDE_SOURCE);
        SideDecision ingress = destination
                .map(w -> host(w).ingress().explain(flow.source(), flow.protocol(), flow.port()))
                .orElse(OUTSIDE_DESTINATION);
        return Verdict.of(flow, egress, ingress);
    }

    /**
     * The verdict of {@link #decide} computed the naive way: find the workloads by scanning the
     * inventory, then scan every compiled rule in order. The baseline of the decide benchmark and
     * the reference of the differential tests; never used on a hot path.
     */
    public Verdict decideByLinearScan(Flow flow) {
        Optional<Workload> source = inventory().workloadAt(flow.source());
        Optional<Workload> destination = inventory().workloadAt(flow.destination());
        @Nullable DirectionRules egress = source.map(w -> host(w).egress()).orElse(null);
        @Nullable
        DirectionRules ingress = destination.map(w -> host(w).ingress()).orElse(null);
        boolean needEgress = egress != null && egress.restricted();
        boolean needIngress = ingress != null && ingress.restricted();
        @Nullable Rule egressMatch = null;
        @Nullable Rule ingressMatch = null;
        for (Rule rule : rules) {
            if (!needEgress && !needIngress) {
                break;
            }
            if (needEgress
                    && egress != null
                    && rule.direction() == Direction.EGRESS
                    && rule.subject() == egress.workload()
                    && rule.matches(flow.destination(), flow.protocol(), flow.port())) {
                egressMatch = rule;
                needEgress = false;
            } else if (needIngress
                    && ingress != null
                    && rule.direction() == Direction.INGRESS
                    && rule.subject() == ingress.workload()
                    && rule.matches(flow.source(), flow.protocol(), flow.port())) {
                ingressMatch = rule;
                needIngress = false;
            }
        }
        return Verdict.of(
                flow,
                scanned(egress, egressMatch, OUTSIDE_SOURCE),
                scanned(ingress, ingressMatch, OUTSIDE_DESTINATION));
    }

    private static SideDecision scanned(@Nullable DirectionRules side, @Nullable Rule match, SideDecision outside) {
        if (side == null) {
            return outside;
        }
        if (!side.restricted()) {
            return side.unrestrictedDecision();
        }
        return match == null
                ? side.deniedDecision()
                : new SideDecision.Allowed(side.workload(), side.direction(), List.of(match));
    }

    /**
     * The enforced meaning of this rule set as text: per workload (by name) its addresses, and per
     * direction whether it is restricted and, per protocol, which peer address ranges it admits on
     * which ports ("#n 80,443" numbers a port set the first time it appears, "#n" cites it after
     * that; n counts distinct sets in order of appearance). Rule origins are left out on purpose: moving or reformatting policies keeps the
     * text, any change in what is allowed changes it.
     */
    public String canonicalText() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        writeCanonical((bytes, length) -> text.write(bytes, 0, length));
        return text.toString(StandardCharsets.UTF_8);
    }

    /** SHA-256 of {@link #canonicalText()} in hex: identifies what is enforced, for status and reports. */
    public String sha256() {
        sha256.run(); // returns at once when computed, or being computed by another thread
        return Futures.join(sha256, "hashing the rule set");
    }

    /**
     * Starts computing {@link #sha256()} on a background thread: hashing a large rule set takes
     * seconds, which a command that analyses it first can spend on the other core.
     */
    public void hashInBackground() {
        Thread.ofPlatform().daemon().name("rule-set-sha256").start(sha256);
    }

    private String computeSha256() {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
        writeCanonical((bytes, length) -> digest.update(bytes, 0, length));
        return HexFormat.of().formatHex(digest.digest());
    }

    private void writeCanonical(CanonicalWriter.Sink sink) {
        CanonicalWriter out = new CanonicalWriter(sink);
        out.text("pci-segment rule set v2\n");
        List<HostRules> sorted = new ArrayList<>(hosts);
        sorted.sort(Comparator.comparing(h -> h.workload().name()));
        for (HostRules host : sorted) {
            out.text("workload " + host.workload().name() + " " + inventory().prefixesOf(host.workload()) + "\n");
            for (Direction direction : Direction.values()) {
                DirectionRules side = host.direction(direction);
                out.text("  " + direction.sectionField() + (side.restricted() ? " restricted\n" : " unrestricted\n"));
                if (!side.restricted()) {
                    continue;
                }
                for (Protocol protocol : Protocol.values()) {
                    String prefix = "    " + protocol.lowerName() + " ";
                    for (PeerPorts entry : side.peerPorts(protocol)) {
                        out.text(prefix)
                                .range(entry.range())
                                .text(" ")
                                .ports(entry.ports())
                                .newline();
                    }
                }
            }
        }
        out.flush();
    }
}
