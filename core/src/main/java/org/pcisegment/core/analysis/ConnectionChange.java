package org.pcisegment.core.analysis;

/** One opening added or removed between two versions of a policy set. */
public record ConnectionChange(Kind kind, Zone from, Zone to, Opening opening) {

    /** Whether the flow became allowed or stopped being allowed. */
    public enum Kind {
        ADDED,
        REMOVED
    }

    public boolean touchesCde() {
        return from.isCde() || to.isCde();
    }

    /** New access into the CDE: what change control must approve (PCI-DSS 1.2.2). */
    public boolean opensCdeAccess() {
        return kind == Kind.ADDED && to.isCde();
    }
}
