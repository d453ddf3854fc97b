package org.pcisegment.kube.analysis;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.PrefixSet;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.kube.calico.CalicoPolicy;
import org.pcisegment.kube.calico.CalicoRule;
import org.pcisegment.kube.calico.CalicoSelector;
import org.pcisegment.kube.calico.CalicoTier;
import org.pcisegment.kube.calico.EntityMatch;
import org.pcisegment.kube.calico.NetworkSet;
import org.pcisegment.kube.manifest.Cluster;
import org.pcisegment.kube.model.ClusterNamespace;
import org.pcisegment.kube.model.Note;
import org.pcisegment.kube.model.PodShape;
import org.pcisegment.kube.model.Workload;
import org.pcisegment.kube.netpol.NetpolPeer;
import org.pcisegment.kube.netpol.NetpolPort;
import org.pcisegment.kube.netpol.NetpolRule;
import org.pcisegment.kube.netpol.NetworkPolicy;

/**
 * Turns a cluster into what the evaluation needs: distinct pods, the outside address blocks, and
 * every policy of both dialects as sets over those. Peer matching follows Kubernetes: selectors
 * match pods only, {@code ipBlock} and Calico {@code nets} match addresses outside the cluster only
 * (pod addresses are not known from manifests, and np-guard reads ipBlocks the same way).
 */
final class PolicyCompiler {
    static final String CALICO_NAMESPACE_LABEL = "projectcalico.org/namespace";
    static final String CALICO_ORCHESTRATOR_LABEL = "projectcalico.org/orchestrator";
    static final String CALICO_NAMESPACE_NAME_LABEL = "projectcalico.org/name";

    /** The order Calico gives Kubernetes NetworkPolicies inside the default tier. */
    static final double KUBERNETES_POLICY_ORDER = 1000;

    private final Cluster cluster;
    private final List<PodEndpoint> pods = new ArrayList<>();
    /** Indexes into {@link #pods} per namespace, in order: most selections are within one namespace. */
    private final Map<String, List<Integer>> podsByNamespace = new LinkedHashMap<>();

    private final ExternalSpace sources;
    private final ExternalSpace destinations;
    private final List<Note> notes = new ArrayList<>();
    private final Map<String, Integer> tierRanks = new HashMap<>();

    PolicyCompiler(Cluster cluster, AddressCuts extraCuts) {
        this.cluster = cluster;
        for (int w = 0; w < cluster.workloads().size(); w++) {
            Workload workload = cluster.workloads().get(w);
            ClusterNamespace namespace = cluster.namespace(workload.namespace());
            Map<String, String> calicoNamespaceLabels = new LinkedHashMap<>(namespace.labels());
            calicoNamespaceLabels.put(CALICO_NAMESPACE_NAME_LABEL, namespace.name());
            Map<Object, PodShape> distinct = new LinkedHashMap<>();
            for (PodShape shape : workload.pods()) {
                distinct.putIfAbsent(shape.connectivityKey(), shape);
            }
            if (distinct.size() > 1) {
                notes.add(new Note(
                        workload.span(),
                        "pods of " + workload.id().display() + " differ in labels or ports; its connections are"
                                + " those of any of its pods"));
            }
            for (PodShape shape : distinct.values()) {
                podsByNamespace
                        .computeIfAbsent(namespace.name(), k -> new ArrayList<>())
                        .add(pods.size());
                Map<String, String> calicoLabels = new LinkedHashMap<>(shape.labels());
                calicoLabels.put(CALICO_NAMESPACE_LABEL, namespace.name());
                calicoLabels.put(CALICO_ORCHESTRATOR_LABEL, "k8s");
                pods.add(new PodEndpoint(
                        w,
                        namespace.name(),
                        shape.labels(),
                        calicoLabels,
                        namespace.labels(),
                        calicoNamespaceLabels,
                        shape.ports()));
            }
        }
        AddressCuts cuts = extraCuts.plus(AddressCuts.of(cluster));
        this.sources = ExternalSpace.cutAt(cuts.sources(), cuts.families());
        this.destinations = ExternalSpace.cutAt(cuts.destinations(), cuts.families());
        rankTiers();
    }

    List<PodEndpoint> pods() {
        return pods;
    }

    /** The outside blocks as sources (cut by ingress rules) or destinations (cut by egress rules). */
    ExternalSpace externals(Direction direction) {
        return direction == Direction.INGRESS ? sources : destinations;
    }

    List<Note> notes() {
        return notes;
    }

    /** Every policy, sorted the way Calico evaluates them: tier, order, name. */
    List<CompiledPolicy> policies() {
        List<CompiledPolicy> compiled = new ArrayList<>();
        for (NetworkPolicy policy : cluster.networkPolicies()) {
            compiled.add(kubernetes(policy));
        }
        for (CalicoPolicy policy : cluster.calicoPolicies()) {
            compiled.add(calico(policy));
        }
        compiled.sort(Comparator.comparingInt(CompiledPolicy::tierRank)
                .thenComparingDouble(CompiledPolicy::order)
                .thenComparing(CompiledPolicy::name));
        return compiled;
    }

    private int peerCount(Direction direction) {
        return pods.size() + externals(direction).size();
    }

    // ---------------------------------------------------------------- Kubernetes NetworkPolicy

    private CompiledPolicy kubernetes(NetworkPolicy policy) {
        BitSet subjects = new BitSet(pods.size());
        for (int p : podsByNamespace.getOrDefault(policy.namespace(), List.of())) {
            if (policy.podSelector().matches(pods.get(p).labels())) {
                subjects.set(p);
            }
        }
        return new CompiledPolicy(
                tierRank(CalicoPolicy.DEFAULT_TIER),
                CalicoPolicy.DEFAULT_TIER,
                KUBERNETES_POLICY_ORDER,
                "knp." + policy.qualifiedName(),
                subjects,
                policy.policyTypes(),
                kubernetesRules(policy, Direction.INGRESS),
                kubernetesRules(policy, Direction.EGRESS));
    }

    private List<CompiledRule> kubernetesRules(NetworkPolicy policy, Direction direction) {
        BitSet allPods = new BitSet();
        allPods.set(0, pods.size());
        List<CompiledRule> compiled = new ArrayList<>();
        for (NetpolRule rule : policy.rules(direction)) {
            compiled.add(new CompiledRule(
                    CompiledRule.RuleAction.ALLOW,
                    kubernetesPeers(policy, rule),
                    allPods,
                    kubernetesServices(rule),
                    "NetworkPolicy " + policy.qualifiedName() + " " + direction.sectionField() + "[" + rule.index()
                            + "] at " + rule.span()));
        }
        return compiled;
    }

    private BitSet kubernetesPeers(NetworkPolicy policy, NetpolRule rule) {
        BitSet peers = new BitSet(peerCount(rule.direction()));
        if (rule.peers().isEmpty()) {
            peers.set(0, peerCount(rule.direction()));
            return peers;
        }
        for (NetpolPeer peer : rule.peers()) {
            switch (peer) {
                case NetpolPeer.Pods selected -> {
                    // a namespace selector is decided once per namespace, then pods only there
                    for (Map.Entry<String, List<Integer>> namespace : podsByNamespace.entrySet()) {
                        List<Integer> members = namespace.getValue();
                        boolean inNamespace = selected.namespaceSelector()
                                .map(s -> s.matches(pods.get(members.getFirst()).namespaceLabels()))
                                .orElse(namespace.getKey().equals(policy.namespace()));
                        if (!inNamespace) {
                            continue;
                        }
                        for (int p : members) {
                            if (selected.podSelector()
                                    .map(s -> s.matches(pods.get(p).labels()))
                                    .orElse(true)) {
                                peers.set(p);
                            }
                        }
                    }
                }
                case NetpolPeer.Addresses block -> {
                    BitSet within = externals(rule.direction()).blocksWithin(block.addresses());
                    within.stream().forEach(i -> peers.set(pods.size() + i));
                }
            }
        }
        return peers;
    }

    private static ServiceMatch kubernetesServices(NetpolRule rule) {
        if (rule.ports().isEmpty()) {
            return ServiceMatch.ALL;
        }
        Connections fixed = Connections.none();
        List<ServiceMatch.NamedPort> named = new ArrayList<>();
        for (NetpolPort port : rule.ports()) {
            switch (port.target()) {
                case NetpolPort.AllPorts all -> fixed = fixed.union(Connections.of(port.protocol(), PortSet.all()));
                case NetpolPort.Numbered numbered ->
                    fixed = fixed.union(Connections.of(port.protocol(), numbered.ports()));
                case NetpolPort.Named name ->
                    named.add(new ServiceMatch.NamedPort(EnumSet.of(port.protocol()), name.name()));
            }
        }
        return new ServiceMatch(fixed, named, Connections.none(), List.of());
    }

    // ---------------------------------------------------------------- Calico

    private void rankTiers() {
        Map<String, Double> orders = new HashMap<>();
        for (CalicoTier tier : cluster.calicoTiers()) {
            orders.put(tier.name(), tier.order().orElse(Double.MAX_VALUE));
        }
        List<String> names = new ArrayList<>(orders.keySet());
        for (CalicoPolicy policy : cluster.calicoPolicies()) {
            if (!policy.tier().equals(CalicoPolicy.DEFAULT_TIER) && !orders.containsKey(policy.tier())) {
                orders.put(policy.tier(), Double.MAX_VALUE);
                names.add(policy.tier());
                notes.add(new Note(
                        policy.span(),
                        "tier '" + policy.tier() + "' is not declared by a Tier resource; it is evaluated after the"
                                + " declared tiers and before the default tier"));
            }
        }
        names.remove(CalicoPolicy.DEFAULT_TIER);
        names.sort(Comparator.<String>comparingDouble(n -> orders.getOrDefault(n, Double.MAX_VALUE))
                .thenComparing(n -> n));
        for (String name : names) {
            tierRanks.put(name, tierRanks.size());
        }
        tierRanks.put(CalicoPolicy.DEFAULT_TIER, tierRanks.size());
    }

    private int tierRank(String tier) {
        Integer rank = tierRanks.get(tier);
        if (rank == null) {
            throw new IllegalStateException("tier not ranked: " + tier);
        }
        return rank;
    }

    private CompiledPolicy calico(CalicoPolicy policy) {
        BitSet subjects = new BitSet(pods.size());
        for (int p = 0; p < pods.size(); p++) {
            PodEndpoint pod = pods.get(p);
            boolean inScope = policy.namespace()
                    .map(ns -> ns.equals(pod.namespace()))
                    .orElseGet(() -> policy.namespaceSelector()
                            .map(s -> s.matches(pod.calicoNamespaceLabels()))
                            .orElse(true));
            if (inScope && policy.selector().matches(pod.calicoLabels())) {
                subjects.set(p);
            }
        }
        return new CompiledPolicy(
                tierRank(policy.tier()),
                policy.tier(),
                policy.order().orElse(Double.MAX_VALUE),
                policy.namespace().map(ns -> ns + "/").orElse("") + policy.name(),
                subjects,
                policy.types(),
                calicoRules(policy, Direction.INGRESS),
                calicoRules(policy, Direction.EGRESS));
    }

    private List<CompiledRule> calicoRules(CalicoPolicy policy, Direction direction) {
        List<CompiledRule> compiled = new ArrayList<>();
        for (CalicoRule rule : policy.rules(direction)) {
            BitSet peers = matchPods(rule.peer(), policy);
            BitSet external = externals(direction).blocksWithin(matchExternal(rule.peer(), policy));
            external.stream().forEach(i -> peers.set(pods.size() + i));
            if (!rule.peer().nets().isEmpty() || !rule.local().nets().isEmpty()) {
                notes.add(new Note(
                        rule.span(),
                        "Calico nets match addresses outside the cluster only: pod addresses are not known"
                                + " from manifests"));
            }
            compiled.add(new CompiledRule(
                    action(rule.action()),
                    peers,
                    matchPods(rule.local(), policy),
                    calicoServices(rule),
                    policy.displayName() + " " + direction.sectionField() + "[" + rule.index() + "] at "
                            + rule.span()));
        }
        return compiled;
    }

    private static CompiledRule.RuleAction action(CalicoRule.Action action) {
        return switch (action) {
            case Allow -> CompiledRule.RuleAction.ALLOW;
            case Deny -> CompiledRule.RuleAction.DENY;
            case Pass -> CompiledRule.RuleAction.PASS;
            case Log -> CompiledRule.RuleAction.LOG;
        };
    }

    /**
     * Whether label criteria scope the match to endpoints: a selector or namespaceSelector, or, in a
     * namespaced policy, a notSelector (Calico then limits it to the policy's namespace).
     */
    private static boolean scoped(EntityMatch entity, CalicoPolicy policy) {
        return entity.selectsEndpoints()
                || (!policy.isGlobal() && entity.notSelector().isPresent());
    }

    private BitSet matchPods(EntityMatch entity, CalicoPolicy policy) {
        BitSet result = new BitSet(pods.size());
        if (!entity.nets().isEmpty()) {
            return result; // pod addresses are unknown: nets cover only the outside
        }
        boolean scoped = scoped(entity, policy);
        for (int p = 0; p < pods.size(); p++) {
            PodEndpoint pod = pods.get(p);
            if (scoped) {
                boolean inNamespace = entity.namespaceSelector()
                        .map(s -> s.matches(pod.calicoNamespaceLabels()))
                        .orElseGet(() -> policy.namespace()
                                .map(ns -> ns.equals(pod.namespace()))
                                .orElse(true));
                if (!inNamespace
                        || !entity.selector()
                                .map(s -> s.matches(pod.calicoLabels()))
                                .orElse(true)) {
                    continue;
                }
            }
            if (entity.notSelector().map(s -> s.matches(pod.calicoLabels())).orElse(false)) {
                continue;
            }
            result.set(p);
        }
        return result;
    }

    private PrefixSet matchExternal(EntityMatch entity, CalicoPolicy policy) {
        PrefixSet set = PrefixSet.all();
        if (!entity.nets().isEmpty()) {
            set = set.intersect(union(entity.nets()));
        }
        if (!entity.notNets().isEmpty()) {
            set = set.minus(union(entity.notNets()));
        }
        if (scoped(entity, policy)) {
            PrefixSet inSets = PrefixSet.empty();
            for (NetworkSet networkSet : cluster.networkSets()) {
                if (inScope(networkSet, entity, policy)
                        && entity.selector()
                                .map(s -> s.matches(networkSetLabels(networkSet)))
                                .orElse(true)) {
                    inSets = inSets.union(networkSet.addresses());
                }
            }
            set = set.intersect(inSets);
        }
        if (entity.notSelector().isPresent()) {
            CalicoSelector not = entity.notSelector().get();
            for (NetworkSet networkSet : cluster.networkSets()) {
                if (not.matches(networkSetLabels(networkSet))) {
                    set = set.minus(networkSet.addresses());
                }
            }
        }
        return set;
    }

    private boolean inScope(NetworkSet networkSet, EntityMatch entity, CalicoPolicy policy) {
        if (entity.namespaceSelector().isPresent()) {
            return networkSet.namespace().isPresent()
                    && cluster.namespaces().containsKey(networkSet.namespace().get())
                    && entity.namespaceSelector()
                            .get()
                            .matches(
                                    calicoNamespaceLabels(networkSet.namespace().get()));
        }
        return policy.namespace()
                .map(ns -> networkSet.namespace().equals(Optional.of(ns)))
                .orElse(true);
    }

    private Map<String, String> calicoNamespaceLabels(String namespace) {
        Map<String, String> labels =
                new LinkedHashMap<>(cluster.namespace(namespace).labels());
        labels.put(CALICO_NAMESPACE_NAME_LABEL, namespace);
        return labels;
    }

    private static Map<String, String> networkSetLabels(NetworkSet networkSet) {
        Map<String, String> labels = new LinkedHashMap<>(networkSet.labels());
        networkSet.namespace().ifPresent(ns -> labels.put(CALICO_NAMESPACE_LABEL, ns));
        return labels;
    }

    private static PrefixSet union(List<Cidr> cidrs) {
        PrefixSet set = PrefixSet.empty();
        for (Cidr cidr : cidrs) {
            set = set.union(PrefixSet.of(cidr));
        }
        return set;
    }

    private static ServiceMatch calicoServices(CalicoRule rule) {
        Set<Protocol> protocols = rule.protocols();
        EntityMatch destination = rule.destination();
        Connections fixed = Connections.none();
        List<ServiceMatch.NamedPort> named = new ArrayList<>();
        if (destination.ports().isEmpty()) {
            for (Protocol protocol : protocols) {
                fixed = fixed.union(Connections.of(protocol, PortSet.all()));
            }
        }
        for (EntityMatch.PortMatch port : destination.ports()) {
            switch (port) {
                case EntityMatch.PortRange range -> {
                    for (Protocol protocol : protocols) {
                        fixed = fixed.union(Connections.of(protocol, range.ports()));
                    }
                }
                case EntityMatch.NamedPort name -> named.add(new ServiceMatch.NamedPort(protocols, name.name()));
            }
        }
        Connections excluded = Connections.none();
        List<ServiceMatch.NamedPort> excludedNamed = new ArrayList<>();
        for (EntityMatch.PortMatch port : destination.notPorts()) {
            switch (port) {
                case EntityMatch.PortRange range -> {
                    for (Protocol protocol : protocols) {
                        excluded = excluded.union(Connections.of(protocol, range.ports()));
                    }
                }
                case EntityMatch.NamedPort name ->
                    excludedNamed.add(new ServiceMatch.NamedPort(protocols, name.name()));
            }
        }
        return new ServiceMatch(fixed, named, excluded, excludedNamed);
    }
}
