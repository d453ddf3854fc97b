package org.pcisegment.core.ir;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.pcisegment.core.inventory.Inventory;
import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.load.PolicySet;
import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.PrefixSet;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.core.policy.Policy;
import org.pcisegment.core.policy.PolicyRule;

/**
 * Compiles a policy set into a {@link RuleSet}: for each inventory workload and direction, whether
 * a policy restricts it and which (peer, protocol, ports) it allows, each rule citing its policy
 * line. Meaning comes from {@link PolicyResolver}, the same reading validation uses.
 *
 * <p>Only valid policy sets are compiled: callers run the validator first. Values that would not
 * validate resolve to nothing here, so a mistake can only take access away, never add it.
 */
public final class PolicyCompiler {
    private PolicyCompiler() {}

    /** The rules of one workload and direction while compiling. */
    private static final class Accumulator {
        boolean restricted;
        final List<PolicyOrigin> restrictedBy = new ArrayList<>();
        final List<Rule> rules = new ArrayList<>();
        final List<Integer> sources = new ArrayList<>();
    }

    /** One (policy rule, protocol) with its resolved peers and ports, shared by its subjects. */
    private record Source(PrefixSet peers, PortSet ports) {}

    public static RuleSet compile(PolicySet policySet) {
        Inventory inventory = policySet.inventory();
        PolicyResolver resolver = new PolicyResolver(inventory);
        List<Workload> workloads = inventory.workloads();
        Map<Workload, Integer> positions = new IdentityHashMap<>();
        Accumulator[][] sides = new Accumulator[workloads.size()][Direction.values().length];
        for (int w = 0; w < workloads.size(); w++) {
            positions.put(workloads.get(w), w);
            for (Direction direction : Direction.values()) {
                sides[w][direction.ordinal()] = new Accumulator();
            }
        }
        List<Source> sources = new ArrayList<>();
        List<Rule> allRules = new ArrayList<>();
        for (Policy policy : policySet.policies()) {
            List<Workload> subjects = resolver.subjects(policy);
            if (subjects.isEmpty()) {
                continue;
            }
            for (Direction direction : Direction.values()) {
                if (!policy.restricts(direction)) {
                    continue;
                }
                PolicyOrigin restriction = new PolicyOrigin(policy.displayName(), policy.span());
                for (Workload subject : subjects) {
                    Accumulator side = sides[position(positions, subject)][direction.ordinal()];
                    side.restricted = true;
                    side.restrictedBy.add(restriction);
                }
                for (PolicyRule policyRule : policy.rulesOf(direction)) {
                    PrefixSet peers = resolver.addresses(policyRule);
                    if (peers.isEmpty()) {
                        continue;
                    }
                    RuleOrigin origin = new RuleOrigin(policy.displayName(), policyRule.label(), policyRule.span());
                    for (Map.Entry<Protocol, PortSet> service :
                            PolicyResolver.services(policyRule).entrySet()) {
                        if (service.getValue().isEmpty()) {
                            continue;
                        }
                        int source = sources.size();
                        sources.add(new Source(peers, service.getValue()));
                        for (Workload subject : subjects) {
                            Rule rule = new Rule(
                                    direction,
                                    subject,
                                    peers,
                                    service.getKey(),
                                    service.getValue(),
                                    Action.ALLOW,
                                    origin);
                            Accumulator side = sides[position(positions, subject)][direction.ordinal()];
                            side.rules.add(rule);
                            side.sources.add(source);
                            allRules.add(rule);
                        }
                    }
                }
            }
        }
        // Workloads selected by the same policies get the same rules: they share one index. The
        // indexes are most of the work and independent of each other: built on every core.
        Map<LongArrayKey, ServiceIndex> shared = new ConcurrentHashMap<>();
        List<HostRules> hosts = IntStream.range(0, workloads.size())
                .parallel()
                .mapToObj(w -> new HostRules(
                        workloads.get(w),
                        directionRules(
                                workloads.get(w),
                                Direction.INGRESS,
                                sides[w][Direction.INGRESS.ordinal()],
                                sources,
                                shared),
                        directionRules(
                                workloads.get(w),
                                Direction.EGRESS,
                                sides[w][Direction.EGRESS.ordinal()],
                                sources,
                                shared)))
                .toList();
        return new RuleSet(policySet, hosts, allRules);
    }

    private static int position(Map<Workload, Integer> positions, Workload subject) {
        return Objects.requireNonNull(positions.get(subject), "a selected workload is in the inventory");
    }

    private static DirectionRules directionRules(
            Workload workload,
            Direction direction,
            Accumulator side,
            List<Source> sources,
            Map<LongArrayKey, ServiceIndex> shared) {
        Map<Protocol, ServiceIndex> indexes = new EnumMap<>(Protocol.class);
        for (Protocol protocol : Protocol.values()) {
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < side.rules.size(); i++) {
                if (side.rules.get(i).protocol() == protocol) {
                    ids.add(side.sources.get(i));
                }
            }
            if (ids.isEmpty()) {
                continue;
            }
            LongArrayKey key =
                    new LongArrayKey(ids.stream().mapToLong(Integer::longValue).toArray());
            indexes.put(protocol, shared.computeIfAbsent(key, k -> {
                List<PrefixSet> peers = new ArrayList<>(ids.size());
                List<PortSet> ports = new ArrayList<>(ids.size());
                for (int id : ids) {
                    peers.add(sources.get(id).peers());
                    ports.add(sources.get(id).ports());
                }
                return ServiceIndex.build(peers, ports);
            }));
        }
        return new DirectionRules(workload, direction, side.restricted, side.restrictedBy, side.rules, indexes);
    }
}
