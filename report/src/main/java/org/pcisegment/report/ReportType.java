package org.pcisegment.report;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which report to write: the full evidence pack, or one of the three reports continuous-compliance
 * tools give auditors. Every type is cut from the same model; the type picks its sections.
 */
public enum ReportType {
    FULL("PCI DSS compliance report"),
    INVENTORY("Inventory report"),
    NETWORK_ACCESS("Network access report"),
    POLICY_AUDIT("Policy audit report");

    /** The parts of a report; the summary is always there. */
    public enum Section {
        POLICIES,
        INVENTORY,
        NETWORK,
        CHANGES,
        POLICY_HISTORY,
        AUDIT,
        REQUIREMENTS
    }

    private final String title;

    ReportType(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** "full", "inventory", "network-access", "policy-audit". */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public Set<Section> sections() {
        return switch (this) {
            case FULL -> EnumSet.allOf(Section.class);
            case INVENTORY -> EnumSet.of(Section.INVENTORY);
            case NETWORK_ACCESS -> EnumSet.of(Section.NETWORK, Section.CHANGES);
            case POLICY_AUDIT -> EnumSet.of(Section.POLICIES, Section.CHANGES, Section.POLICY_HISTORY, Section.AUDIT);
        };
    }

    public boolean has(Section section) {
        return sections().contains(section);
    }
}
