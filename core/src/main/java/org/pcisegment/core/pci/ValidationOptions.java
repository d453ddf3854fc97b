package org.pcisegment.core.pci;

/**
 * Tunable limits of the rules.
 *
 * @param maxPortRange widest port range a CDE rule may open before it is reported (PCI 1.2.5)
 */
public record ValidationOptions(int maxPortRange) {
    public static final ValidationOptions DEFAULTS = new ValidationOptions(100);

    public ValidationOptions {
        if (maxPortRange < 1 || maxPortRange > 65535) {
            throw new IllegalArgumentException("maxPortRange must be within 1-65535");
        }
    }
}
