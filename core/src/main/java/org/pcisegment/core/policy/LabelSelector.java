package org.pcisegment.core.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.pcisegment.core.source.SourceSpan;

/** A Kubernetes label selector: every matchLabels pair and every expression must hold. */
public record LabelSelector(
        Map<String, String> matchLabels, List<SelectorRequirement> matchExpressions, SourceSpan span) {

    public LabelSelector {
        matchLabels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(matchLabels));
        matchExpressions = List.copyOf(matchExpressions);
    }

    public static LabelSelector everything(SourceSpan span) {
        return new LabelSelector(Map.of(), List.of(), span);
    }

    /** The empty selector {@code {}}, which selects every workload. */
    public boolean selectsEverything() {
        return matchLabels.isEmpty() && matchExpressions.isEmpty();
    }

    public boolean matches(Map<String, String> labels) {
        for (Map.Entry<String, String> required : matchLabels.entrySet()) {
            if (!Objects.equals(labels.get(required.getKey()), required.getValue())) {
                return false;
            }
        }
        for (SelectorRequirement requirement : matchExpressions) {
            if (!requirement.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when the selector can only match workloads carrying {@code key=value}: a matchLabels pair
     * or an {@code In} expression with that single value.
     */
    public boolean requires(String key, String value) {
        if (value.equals(matchLabels.get(key))) {
            return true;
        }
        return matchExpressions.stream()
                .anyMatch(e -> e.key().equals(key)
                        && e.operator() == SelectorRequirement.Operator.In
                        && e.values().equals(List.of(value)));
    }

    /** Kubernetes selector syntax: "pci-env=cde,tier in (db)"; "{}" for the empty selector. */
    @Override
    public String toString() {
        if (selectsEverything()) {
            return "{}";
        }
        List<String> parts = new ArrayList<>();
        matchLabels.forEach((k, v) -> parts.add(k + "=" + v));
        matchExpressions.forEach(e -> parts.add(e.toString()));
        return String.join(",", parts);
    }
}
