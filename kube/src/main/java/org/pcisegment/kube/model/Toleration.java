package org.pcisegment.kube.model;

import java.util.Optional;

/** A pod toleration: lets the pod schedule onto nodes with a matching taint. */
public record Toleration(Optional<String> key, Operator operator, Optional<String> value, Optional<String> effect) {

    /** Toleration operators of Kubernetes. */
    public enum Operator {
        Equal,
        Exists
    }

    /** Whether this toleration admits a node taint, per the Kubernetes matching rules. */
    public boolean tolerates(Taint taint) {
        if (effect.isPresent() && !effect.get().equals(taint.effect())) {
            return false;
        }
        if (key.isEmpty()) {
            return operator == Operator.Exists; // empty key with Exists tolerates every taint
        }
        if (!key.get().equals(taint.key())) {
            return false;
        }
        return operator == Operator.Exists || value.orElse("").equals(taint.value());
    }
}
