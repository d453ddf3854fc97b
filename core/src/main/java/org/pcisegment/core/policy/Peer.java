package org.pcisegment.core.policy;

import java.util.List;
import org.pcisegment.core.source.SourceSpan;

/** One entry of a rule's {@code from} or {@code to} list. */
public sealed interface Peer permits Peer.IpBlock, Peer.Workloads {

    SourceSpan span();

    /**
     * {@code ipBlock}: addresses inside {@code cidr} but outside every {@code except}. Values are
     * kept as written; the schema rules report the ones that do not parse.
     */
    record IpBlock(Located<String> cidr, List<Located<String>> except, SourceSpan span) implements Peer {
        public IpBlock {
            except = List.copyOf(except);
        }
    }

    /** {@code podSelector}: the inventory workloads whose labels match. */
    record Workloads(LabelSelector selector, SourceSpan span) implements Peer {}
}
