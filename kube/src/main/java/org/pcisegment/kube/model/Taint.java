package org.pcisegment.kube.model;

/** A node taint: repels pods that do not tolerate it. */
public record Taint(String key, String value, String effect) {

    /** Effects that keep pods off the node (PreferNoSchedule only discourages). */
    public boolean repels() {
        return effect.equals("NoSchedule") || effect.equals("NoExecute");
    }

    @Override
    public String toString() {
        return key + (value.isEmpty() ? "" : "=" + value) + ":" + effect;
    }
}
