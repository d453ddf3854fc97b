package org.pcisegment.core.load;

import java.util.List;
import java.util.Optional;
import org.pcisegment.core.inventory.Inventory;
import org.pcisegment.core.policy.Policy;

/**
 * Everything loaded for one run: the policies, the inventory, the files they came from, and a
 * SHA-256 over the inputs that identifies this policy set in reports, audit events and status.
 */
public record PolicySet(List<Policy> policies, Inventory inventory, List<String> files, String sha256) {

    public PolicySet {
        policies = List.copyOf(policies);
        files = List.copyOf(files);
    }

    public Optional<Policy> policy(String name) {
        return policies.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The first 12 hex digits of the hash, for display. */
    public String shortHash() {
        return sha256.substring(0, 12);
    }
}
