package org.pcisegment.kube.analysis;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.pcisegment.core.net.IpFamily;
import org.pcisegment.core.net.PrefixSet;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.kube.calico.CalicoPolicy;
import org.pcisegment.kube.calico.CalicoRule;
import org.pcisegment.kube.calico.NetworkSet;
import org.pcisegment.kube.manifest.Cluster;
import org.pcisegment.kube.netpol.NetpolPeer;
import org.pcisegment.kube.netpol.NetpolRule;
import org.pcisegment.kube.netpol.NetworkPolicy;

/**
 * Where the outside of the cluster is cut into blocks: as a source, at the address blocks of
 * ingress rules; as a destination, at those of egress rules (np-guard reports each side this way).
 */
public record AddressCuts(List<PrefixSet> sources, List<PrefixSet> destinations) {

    public static final AddressCuts NONE = new AddressCuts(List.of(), List.of());

    public AddressCuts {
        sources = List.copyOf(sources);
        destinations = List.copyOf(destinations);
    }

    /** The blocks the policies of {@code cluster} name, per side. */
    public static AddressCuts of(Cluster cluster) {
        return new AddressCuts(named(cluster, Direction.INGRESS), named(cluster, Direction.EGRESS));
    }

    /** The address families named on either side: the outside is reported in these. */
    public Set<IpFamily> families() {
        Set<IpFamily> families = EnumSet.of(IpFamily.V4);
        for (List<PrefixSet> side : List.of(sources, destinations)) {
            for (PrefixSet set : side) {
                for (IpFamily family : IpFamily.values()) {
                    if (set.hasFamily(family)) {
                        families.add(family);
                    }
                }
            }
        }
        return families;
    }

    public AddressCuts plus(AddressCuts other) {
        List<PrefixSet> allSources = new ArrayList<>(sources);
        allSources.addAll(other.sources);
        List<PrefixSet> allDestinations = new ArrayList<>(destinations);
        allDestinations.addAll(other.destinations);
        return new AddressCuts(allSources, allDestinations);
    }

    private static List<PrefixSet> named(Cluster cluster, Direction direction) {
        List<PrefixSet> named = new ArrayList<>();
        for (NetworkPolicy policy : cluster.networkPolicies()) {
            for (NetpolRule rule : policy.rules(direction)) {
                for (NetpolPeer peer : rule.peers()) {
                    if (peer instanceof NetpolPeer.Addresses block) {
                        named.add(PrefixSet.of(block.cidr()));
                        block.except().forEach(c -> named.add(PrefixSet.of(c)));
                    }
                }
            }
        }
        for (CalicoPolicy policy : cluster.calicoPolicies()) {
            for (CalicoRule rule : policy.rules(direction)) {
                rule.peer().nets().forEach(c -> named.add(PrefixSet.of(c)));
                rule.peer().notNets().forEach(c -> named.add(PrefixSet.of(c)));
            }
        }
        for (NetworkSet set : cluster.networkSets()) {
            set.nets().forEach(c -> named.add(PrefixSet.of(c)));
        }
        return named;
    }
}
