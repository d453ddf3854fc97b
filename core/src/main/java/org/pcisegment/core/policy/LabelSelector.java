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

    /**
     * True when this selector matches every label set that {@code narrower} matches, as far as the
     * two selectors' text shows: each requirement of this selector must be guaranteed by one of
     * {@code narrower}'s. Sound but not complete, so {@code false} means "not shown". Used without
     * an inventory, where there are no workloads to compare.
     */
    public boolean selectsAllOf(LabelSelector narrower) {
        return requirements().stream()
                .allMatch(wanted -> narrower.requirements().stream()
                        .anyMatch(given -> given.key().equals(wanted.key()) && guarantees(given, wanted)));
    }

    /** matchLabels as {@code In} requirements, followed by matchExpressions. */
    private List<SelectorRequirement> requirements() {
        List<SelectorRequirement> all = new ArrayList<>();
        matchLabels.forEach(
                (k, v) -> all.add(new SelectorRequirement(k, SelectorRequirement.Operator.In, List.of(v), span)));
        all.addAll(matchExpressions);
        return all;
    }

    /** Whether every label value allowed by {@code given} satisfies {@code wanted} (same key). */
    private static boolean guarantees(SelectorRequirement given, SelectorRequirement wanted) {
        return switch (given.operator()) {
            case In -> given.values().stream().allMatch(v -> wanted.matches(Map.of(wanted.key(), v)));
            case Exists -> wanted.operator() == SelectorRequirement.Operator.Exists;
            case DoesNotExist -> wanted.matches(Map.of());
            case NotIn ->
                wanted.operator() == SelectorRequirement.Operator.NotIn
                        && given.values().containsAll(wanted.values());
        };
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
