package org.pcisegment.kube.calico;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Calico selector expression ({@code PCI == "true" && has(app)}), evaluated against the labels of
 * an endpoint or a namespace. A label that is absent satisfies {@code !=} and {@code not in}, as in
 * Calico.
 */
public sealed interface CalicoSelector {

    boolean matches(Map<String, String> labels);

    /** {@code all()}: every endpoint. */
    record All() implements CalicoSelector {
        @Override
        public boolean matches(Map<String, String> labels) {
            return true;
        }

        @Override
        public String toString() {
            return "all()";
        }
    }

    /** {@code global()}: non-namespaced endpoints only, so never a pod. */
    record Global() implements CalicoSelector {
        @Override
        public boolean matches(Map<String, String> labels) {
            return false;
        }

        @Override
        public String toString() {
            return "global()";
        }
    }

    /** {@code has(key)}. */
    record Has(String key) implements CalicoSelector {
        @Override
        public boolean matches(Map<String, String> labels) {
            return labels.containsKey(key);
        }

        @Override
        public String toString() {
            return "has(" + key + ")";
        }
    }

    /** A comparison of one label with literal values. */
    record Compare(String key, Operator operator, List<String> values) implements CalicoSelector {
        /** The comparison operators of the selector language. */
        public enum Operator {
            EQUALS("=="),
            NOT_EQUALS("!="),
            IN("in"),
            NOT_IN("not in"),
            CONTAINS("contains"),
            STARTS_WITH("starts with"),
            ENDS_WITH("ends with");

            private final String text;

            Operator(String text) {
                this.text = text;
            }

            public String text() {
                return text;
            }
        }

        public Compare {
            values = List.copyOf(values);
        }

        @Override
        public boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator) {
                case EQUALS -> value != null && value.equals(values.getFirst());
                case NOT_EQUALS -> value == null || !value.equals(values.getFirst());
                case IN -> value != null && values.contains(value);
                case NOT_IN -> value == null || !values.contains(value);
                case CONTAINS -> value != null && value.contains(values.getFirst());
                case STARTS_WITH -> value != null && value.startsWith(values.getFirst());
                case ENDS_WITH -> value != null && value.endsWith(values.getFirst());
            };
        }

        @Override
        public String toString() {
            if (operator == Operator.IN || operator == Operator.NOT_IN) {
                return key + " " + operator.text() + " {"
                        + values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", ")) + "}";
            }
            return key + " " + operator.text() + " '" + values.getFirst() + "'";
        }
    }

    /** {@code !expression}. */
    record Not(CalicoSelector operand) implements CalicoSelector {
        @Override
        public boolean matches(Map<String, String> labels) {
            return !operand.matches(labels);
        }

        @Override
        public String toString() {
            return "!(" + operand + ")";
        }
    }

    /** {@code a && b}. */
    record And(CalicoSelector left, CalicoSelector right) implements CalicoSelector {
        @Override
        public boolean matches(Map<String, String> labels) {
            return left.matches(labels) && right.matches(labels);
        }

        @Override
        public String toString() {
            return "(" + left + " && " + right + ")";
        }
    }

    /** {@code a || b}. */
    record Or(CalicoSelector left, CalicoSelector right) implements CalicoSelector {
        @Override
        public boolean matches(Map<String, String> labels) {
            return left.matches(labels) || right.matches(labels);
        }

        @Override
        public String toString() {
            return "(" + left + " || " + right + ")";
        }
    }
}
