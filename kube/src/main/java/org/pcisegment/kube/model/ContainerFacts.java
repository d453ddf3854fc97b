package org.pcisegment.kube.model;

import java.util.Set;

/** What the placement checks need of one container: its name and its privileges. */
public record ContainerFacts(String name, boolean privileged, Set<String> addedCapabilities) {

    public ContainerFacts {
        addedCapabilities = Set.copyOf(addedCapabilities);
    }
}
