package org.pcisegment.kube.netpol;

import java.util.List;
import java.util.Optional;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.net.PrefixSet;
import org.pcisegment.core.policy.LabelSelector;
import org.pcisegment.core.source.SourceSpan;

/** One entry of a rule's {@code from} or {@code to}. */
public sealed interface NetpolPeer permits NetpolPeer.Pods, NetpolPeer.Addresses {

    SourceSpan span();

    /**
     * Pods chosen by labels. Without a namespace selector the pods are in the policy's namespace;
     * without a pod selector every pod of the selected namespaces is chosen.
     */
    record Pods(Optional<LabelSelector> namespaceSelector, Optional<LabelSelector> podSelector, SourceSpan span)
            implements NetpolPeer {}

    /** An {@code ipBlock}: addresses outside the cluster in {@code cidr} and in no {@code except}. */
    record Addresses(Cidr cidr, List<Cidr> except, SourceSpan span) implements NetpolPeer {
        public Addresses {
            except = List.copyOf(except);
        }

        public PrefixSet addresses() {
            PrefixSet set = PrefixSet.of(cidr);
            for (Cidr cut : except) {
                set = set.minus(PrefixSet.of(cut));
            }
            return set;
        }
    }
}
