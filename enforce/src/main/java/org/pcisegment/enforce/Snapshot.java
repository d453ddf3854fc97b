package org.pcisegment.enforce;

import java.util.Optional;

/**
 * What one backend had installed before an apply, in the backend's own form (an nftables listing,
 * an anchor file, map contents), so that {@link Enforcer#restore} can put it back exactly.
 *
 * @param content the saved state; empty when nothing of ours was installed
 */
public record Snapshot(String backend, Optional<String> content) {}
