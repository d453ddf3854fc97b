package org.pcisegment.kube.analysis;

import org.pcisegment.core.net.IpRange;
import org.pcisegment.kube.model.Workload;

/** One end of a connection: a workload, or a block of addresses outside the cluster. */
public sealed interface Peer permits Peer.WorkloadPeer, Peer.ExternalPeer {

    /** The np-guard connlist name: {@code ns/name[Kind]} or {@code first-last[External]}. */
    String display();

    record WorkloadPeer(Workload workload) implements Peer {
        @Override
        public String display() {
            return workload.id().display();
        }
    }

    record ExternalPeer(IpRange range) implements Peer {
        @Override
        public String display() {
            return range.first() + "-" + range.last() + "[External]";
        }
    }
}
