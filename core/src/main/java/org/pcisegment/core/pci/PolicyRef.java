package org.pcisegment.core.pci;

import org.pcisegment.core.policy.Policy;
import org.pcisegment.core.source.SourceSpan;

/** Which policy a finding is about: its display name and the start of its document. */
public record PolicyRef(String name, SourceSpan span) {
    public static PolicyRef of(Policy policy) {
        return new PolicyRef(policy.displayName(), policy.span());
    }

    public boolean refersTo(Policy policy) {
        return span.equals(policy.span());
    }
}
