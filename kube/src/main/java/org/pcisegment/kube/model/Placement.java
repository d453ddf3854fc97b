package org.pcisegment.kube.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the scheduler may put a pod: its {@code nodeSelector}, the terms of its required node
 * affinity (any one term must hold), a fixed {@code nodeName}, and its tolerations.
 */
public record Placement(
        Map<String, String> nodeSelector,
        List<List<NodeRequirement>> requiredAffinityTerms,
        Optional<String> nodeName,
        List<Toleration> tolerations) {

    public static final Placement ANYWHERE = new Placement(Map.of(), List.of(), Optional.empty(), List.of());

    public Placement {
        nodeSelector = Collections.unmodifiableMap(new LinkedHashMap<>(nodeSelector));
        requiredAffinityTerms = requiredAffinityTerms.stream().map(List::copyOf).toList();
        tolerations = List.copyOf(tolerations);
    }

    /** Whether the pod may run on a node with these labels (taints aside). */
    public boolean admits(String nodeNameValue, Map<String, String> nodeLabels) {
        if (nodeName.isPresent()) {
            return nodeName.get().equals(nodeNameValue);
        }
        for (Map.Entry<String, String> required : nodeSelector.entrySet()) {
            if (!required.getValue().equals(nodeLabels.get(required.getKey()))) {
                return false;
            }
        }
        if (requiredAffinityTerms.isEmpty()) {
            return true;
        }
        return requiredAffinityTerms.stream().anyMatch(term -> term.stream().allMatch(r -> r.matches(nodeLabels)));
    }

    /** Whether every node the pod may schedule on must carry {@code key=value}. */
    public boolean requiresNodeLabel(String key, String value) {
        if (value.equals(nodeSelector.get(key))) {
            return true;
        }
        return !requiredAffinityTerms.isEmpty()
                && requiredAffinityTerms.stream().allMatch(term -> term.stream().anyMatch(r -> r.requires(key, value)));
    }

    /** Whether the scheduler may put the pod on {@code node}: its labels admit it and its taints are tolerated. */
    public boolean canRunOn(Node node) {
        return admits(node.name(), node.labels())
                && node.taints().stream().filter(Taint::repels).allMatch(this::tolerates);
    }

    public boolean tolerates(Taint taint) {
        return tolerations.stream().anyMatch(t -> t.tolerates(taint));
    }
}
