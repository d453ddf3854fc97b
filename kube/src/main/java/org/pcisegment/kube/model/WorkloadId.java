package org.pcisegment.kube.model;

/**
 * A workload as connectivity reports name it: the namespace, and the name and kind of the
 * controller that owns its pods ({@code Pod} for a pod without a controller). All replicas of one
 * controller are one workload.
 */
public record WorkloadId(String namespace, String name, String kind) implements Comparable<WorkloadId> {

    public static final String POD_KIND = "Pod";

    /** {@code namespace/name[Kind]}, the form of the np-guard connlist report. */
    public String display() {
        return namespace + "/" + name + "[" + kind + "]";
    }

    /** True when {@code reference} names this workload as {@code NS/NAME} or {@code NS/NAME[Kind]}. */
    public boolean isNamed(String reference) {
        return reference.equals(namespace + "/" + name) || reference.equals(display());
    }

    @Override
    public int compareTo(WorkloadId other) {
        return display().compareTo(other.display());
    }

    @Override
    public String toString() {
        return display();
    }
}
