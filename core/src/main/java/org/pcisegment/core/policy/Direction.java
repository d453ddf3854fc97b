package org.pcisegment.core.policy;

import java.util.Optional;

/** Traffic direction relative to the workloads a policy selects. */
public enum Direction {
    INGRESS("Ingress", "from"),
    EGRESS("Egress", "to");

    private final String yamlName;
    private final String peersField;

    Direction(String yamlName, String peersField) {
        this.yamlName = yamlName;
        this.peersField = peersField;
    }

    /** The name used in {@code policyTypes}: "Ingress" or "Egress". */
    public String yamlName() {
        return yamlName;
    }

    /** The list field of the rule section: "ingress" or "egress". */
    public String sectionField() {
        return yamlName.toLowerCase(java.util.Locale.ROOT);
    }

    /** The peers field of a rule: "from" or "to". */
    public String peersField() {
        return peersField;
    }

    public Direction opposite() {
        return this == INGRESS ? EGRESS : INGRESS;
    }

    public static Optional<Direction> fromYaml(String name) {
        for (Direction direction : values()) {
            if (direction.yamlName.equals(name)) {
                return Optional.of(direction);
            }
        }
        return Optional.empty();
    }
}
