package org.pcisegment.kube.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.kube.manifest.Cluster;
import org.pcisegment.kube.model.Note;
import org.pcisegment.kube.model.Workload;

/**
 * Computes which workloads may open which connections to which others and to the outside, with
 * Kubernetes NetworkPolicy semantics and Calico's ordered tiers on top:
 *
 * <ul>
 *   <li>a pod that no policy selects for a direction is open in that direction;
 *   <li>for a pod that some policy of a tier selects, the first rule of that tier (by policy order,
 *       then rule order) that matches a connection decides: Allow, Deny, or Pass to the next tier;
 *       a connection no rule matches is denied at the end of the tier. Kubernetes
 *       NetworkPolicies are allow rules in the default tier, so their allows add up and all else
 *       is denied;
 *   <li>a connection between two pods needs the egress side of the source and the ingress side of
 *       the destination; the outside has no policies of its own.
 * </ul>
 */
public final class ConnectivityAnalyzer {
    private final List<PodEndpoint> pods;
    private final int podCount;
    private final List<List<CompiledPolicy>> ingressPolicies;
    private final List<List<CompiledPolicy>> egressPolicies;
    private final Connections[] openToSources;
    private final Connections[] openToDestinations;

    private ConnectivityAnalyzer(PolicyCompiler compiler) {
        this.pods = compiler.pods();
        this.podCount = pods.size();
        this.openToSources =
                new Connections[podCount + compiler.externals(Direction.INGRESS).size()];
        Arrays.fill(openToSources, Connections.all());
        this.openToDestinations =
                new Connections[podCount + compiler.externals(Direction.EGRESS).size()];
        Arrays.fill(openToDestinations, Connections.all());
        List<CompiledPolicy> policies = compiler.policies();
        this.ingressPolicies = applicable(policies, Direction.INGRESS);
        this.egressPolicies = applicable(policies, Direction.EGRESS);
    }

    public static Connectivity analyze(Cluster cluster) {
        return analyze(cluster, AddressCuts.NONE);
    }

    /**
     * Analyses {@code cluster}, also cutting the outside at {@code extraCuts} (so that two versions
     * of a cluster can be compared block by block).
     */
    public static Connectivity analyze(Cluster cluster, AddressCuts extraCuts) {
        PolicyCompiler compiler = new PolicyCompiler(cluster, extraCuts);
        ConnectivityAnalyzer analyzer = new ConnectivityAnalyzer(compiler);
        List<Connection> connections = analyzer.connections(
                cluster.workloads(), compiler.externals(Direction.INGRESS), compiler.externals(Direction.EGRESS));
        List<Note> notes = new ArrayList<>(cluster.notes());
        notes.addAll(compiler.notes());
        return new Connectivity(cluster, connections, notes.stream().distinct().toList());
    }

    /** For every pod, the policies that apply to it in {@code direction}, in evaluation order. */
    private List<List<CompiledPolicy>> applicable(List<CompiledPolicy> policies, Direction direction) {
        List<List<CompiledPolicy>> perPod = new ArrayList<>(podCount);
        for (int p = 0; p < podCount; p++) {
            perPod.add(new ArrayList<>());
        }
        for (CompiledPolicy policy : policies) {
            if (policy.types().contains(direction)) {
                policy.subjects().stream().forEach(p -> perPod.get(p).add(policy));
            }
        }
        return perPod;
    }

    private List<Connection> connections(List<Workload> workloads, ExternalSpace sources, ExternalSpace destinations) {
        int workloadCount = workloads.size();
        Connections[][] ingress = new Connections[podCount][];
        for (int p = 0; p < podCount; p++) {
            ingress[p] = evaluate(p, Direction.INGRESS);
        }
        List<List<Integer>> podsOf = new ArrayList<>(workloadCount);
        for (int w = 0; w < workloadCount; w++) {
            podsOf.add(new ArrayList<>());
        }
        for (int p = 0; p < podCount; p++) {
            podsOf.get(pods.get(p).workload()).add(p);
        }
        List<Peer> workloadPeers =
                workloads.stream().<Peer>map(Peer.WorkloadPeer::new).toList();
        List<Peer> sourceBlocks =
                sources.blocks().stream().<Peer>map(Peer.ExternalPeer::new).toList();
        List<Peer> destinationBlocks =
                destinations.blocks().stream().<Peer>map(Peer.ExternalPeer::new).toList();
        List<Connection> result = new ArrayList<>();
        Connections[] row = new Connections[workloadCount + destinationBlocks.size()];
        for (int w = 0; w < workloadCount; w++) {
            Arrays.fill(row, Connections.none());
            for (int source : podsOf.get(w)) {
                Connections[] egress = evaluate(source, Direction.EGRESS);
                for (int target = 0; target < podCount; target++) {
                    int targetWorkload = pods.get(target).workload();
                    if (targetWorkload == w) {
                        continue; // a workload's traffic to itself is not reported
                    }
                    Connections allowed = egress[target].intersect(ingress[target][source]);
                    if (!allowed.isEmpty()) {
                        row[targetWorkload] = row[targetWorkload].union(allowed);
                    }
                }
                for (int e = 0; e < destinationBlocks.size(); e++) {
                    row[workloadCount + e] = row[workloadCount + e].union(egress[podCount + e]);
                }
            }
            for (int t = 0; t < row.length; t++) {
                if (!row[t].isEmpty()) {
                    Peer target = t < workloadCount ? workloadPeers.get(t) : destinationBlocks.get(t - workloadCount);
                    result.add(new Connection(workloadPeers.get(w), target, row[t]));
                }
            }
        }
        for (int e = 0; e < sourceBlocks.size(); e++) {
            for (int w = 0; w < workloadCount; w++) {
                Connections allowed = Connections.none();
                for (int target : podsOf.get(w)) {
                    allowed = allowed.union(ingress[target][podCount + e]);
                }
                if (!allowed.isEmpty()) {
                    result.add(new Connection(sourceBlocks.get(e), workloadPeers.get(w), allowed));
                }
            }
        }
        return result;
    }

    /**
     * What pod {@code subject} admits in {@code direction} from (ingress) or towards (egress) every
     * peer, indexed like the peers (pods, then outside blocks). The array may be shared: read only.
     */
    private Connections[] evaluate(int subject, Direction direction) {
        List<CompiledPolicy> policies =
                (direction == Direction.INGRESS ? ingressPolicies : egressPolicies).get(subject);
        Connections[] open = direction == Direction.INGRESS ? openToSources : openToDestinations;
        if (policies.isEmpty()) {
            return open;
        }
        int peerCount = open.length;
        Connections[] allowed = new Connections[peerCount];
        Arrays.fill(allowed, Connections.none());
        Connections[] undecided = open.clone();
        int start = 0;
        while (start < policies.size()) {
            int tier = policies.get(start).tierRank();
            int end = start;
            boolean onlyAllows = true;
            while (end < policies.size() && policies.get(end).tierRank() == tier) {
                for (CompiledRule rule : policies.get(end).rules(direction)) {
                    onlyAllows &= rule.action() == CompiledRule.RuleAction.ALLOW
                            || rule.action() == CompiledRule.RuleAction.LOG;
                }
                end++;
            }
            Connections[] passed = new Connections[peerCount];
            Arrays.fill(passed, Connections.none());
            for (int i = start; i < end; i++) {
                for (CompiledRule rule : policies.get(i).rules(direction)) {
                    if (rule.action() != CompiledRule.RuleAction.LOG
                            && rule.localPods().get(subject)) {
                        apply(rule, subject, direction, onlyAllows, allowed, undecided, passed);
                    }
                }
            }
            undecided = passed; // the tier denies what it did not decide; passed traffic goes on
            start = end;
        }
        for (int peer = 0; peer < peerCount; peer++) {
            // traffic passed beyond the last tier that applies meets the namespace profile, which allows
            allowed[peer] = allowed[peer].union(undecided[peer]);
        }
        return allowed;
    }

    /**
     * Applies one rule to every peer it matches. In a tier of allow rules only, what is still
     * undecided never shrinks in a way that matters (allowed traffic stays allowed), so it is not
     * tracked.
     */
    private void apply(
            CompiledRule rule,
            int subject,
            Direction direction,
            boolean onlyAllows,
            Connections[] allowed,
            Connections[] undecided,
            Connections[] passed) {
        ServiceMatch services = rule.services();
        boolean perPeer = direction == Direction.EGRESS && services.dependsOnDestination();
        Connections fixed = perPeer
                ? Connections.none()
                : services.resolve(direction == Direction.INGRESS ? Optional.of(pods.get(subject)) : Optional.empty());
        BitSet peers = rule.peers();
        for (int peer = peers.nextSetBit(0); peer >= 0; peer = peers.nextSetBit(peer + 1)) {
            Connections matched = perPeer
                    ? services.resolve(peer < podCount ? Optional.of(pods.get(peer)) : Optional.empty())
                    : fixed;
            Connections open = undecided[peer];
            if (matched.isEmpty() || open.isEmpty()) {
                continue;
            }
            Connections hit = matched.intersect(open);
            if (hit.isEmpty()) {
                continue;
            }
            switch (rule.action()) {
                case ALLOW -> {
                    allowed[peer] = allowed[peer].union(hit);
                    if (!onlyAllows) {
                        undecided[peer] = open.minus(hit);
                    }
                }
                case DENY -> undecided[peer] = open.minus(hit);
                case PASS -> {
                    passed[peer] = passed[peer].union(hit);
                    undecided[peer] = open.minus(hit);
                }
                case LOG -> {
                    // logging does not decide
                }
            }
        }
    }
}
