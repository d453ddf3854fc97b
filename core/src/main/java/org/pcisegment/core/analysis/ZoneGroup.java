package org.pcisegment.core.analysis;

/** The coarse zones of PCI-DSS scoping: the CDE, the rest of the inventory, and the outside world. */
public enum ZoneGroup {
    CDE("CDE", "cde"),
    NON_CDE("non-CDE", "non-cde"),
    OUTSIDE("outside", "outside");

    private final String label;
    private final String id;

    ZoneGroup(String label, String id) {
        this.label = label;
        this.id = id;
    }

    /** For people: "CDE", "non-CDE", "outside". */
    public String label() {
        return label;
    }

    /** For machines (JSON, CSV, diagram ids): "cde", "non-cde", "outside". */
    public String id() {
        return id;
    }
}
