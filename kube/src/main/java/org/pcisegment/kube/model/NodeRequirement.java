package org.pcisegment.kube.model;

import java.util.List;
import java.util.Map;

/** One {@code matchExpressions} entry of a required node affinity term. */
public record NodeRequirement(String key, Operator operator, List<String> values) {

    /** Node selector operators of Kubernetes. */
    public enum Operator {
        In,
        NotIn,
        Exists,
        DoesNotExist,
        Gt,
        Lt
    }

    public NodeRequirement {
        values = List.copyOf(values);
    }

    public boolean matches(Map<String, String> nodeLabels) {
        String value = nodeLabels.get(key);
        return switch (operator) {
            case In -> value != null && values.contains(value);
            case NotIn -> value == null || !values.contains(value);
            case Exists -> value != null;
            case DoesNotExist -> value == null;
            case Gt -> value != null && compareNumber(value) > 0;
            case Lt -> value != null && compareNumber(value) < 0;
        };
    }

    private int compareNumber(String value) {
        if (values.size() != 1) {
            return 0;
        }
        try {
            return Long.compare(Long.parseLong(value), Long.parseLong(values.getFirst()));
        } catch (NumberFormatException notNumbers) {
            return 0;
        }
    }

    /**
     * True when every node this requirement admits carries {@code key=value}: an {@code In} on that
     * key whose only value is {@code value}.
     */
    public boolean requires(String labelKey, String labelValue) {
        return key.equals(labelKey) && operator == Operator.In && values.equals(List.of(labelValue));
    }
}
