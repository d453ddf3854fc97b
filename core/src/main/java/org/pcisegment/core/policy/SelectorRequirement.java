package org.pcisegment.core.policy;

import java.util.List;
import java.util.Map;
import org.pcisegment.core.source.SourceSpan;

/** One {@code matchExpressions} entry. */
public record SelectorRequirement(String key, Operator operator, List<String> values, SourceSpan span) {

    /** The label selector operators of Kubernetes. */
    public enum Operator {
        In,
        NotIn,
        Exists,
        DoesNotExist
    }

    public SelectorRequirement {
        values = List.copyOf(values);
    }

    public boolean matches(Map<String, String> labels) {
        String value = labels.get(key);
        return switch (operator) {
            case In -> value != null && values.contains(value);
            case NotIn -> value == null || !values.contains(value);
            case Exists -> value != null;
            case DoesNotExist -> value == null;
        };
    }

    @Override
    public String toString() {
        return switch (operator) {
            case In -> key + " in (" + String.join(",", values) + ")";
            case NotIn -> key + " notin (" + String.join(",", values) + ")";
            case Exists -> key;
            case DoesNotExist -> "!" + key;
        };
    }
}
