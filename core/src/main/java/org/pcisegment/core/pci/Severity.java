package org.pcisegment.core.pci;

import java.util.Locale;

/** How bad a finding is. Only errors make a policy set invalid (exit 1). */
public enum Severity {
    ERROR,
    WARNING,
    INFO;

    public String lowerName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
