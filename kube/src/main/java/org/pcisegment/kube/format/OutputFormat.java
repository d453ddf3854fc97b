package org.pcisegment.kube.format;

/** The report formats of {@code kube analyze} and {@code kube diff}. */
public enum OutputFormat {
    /** One line per connection, np-guard connlist form, byte-sorted. */
    txt,
    json,
    csv,
    /** A Markdown table. */
    md,
    /** Graphviz, CDE highlighted (analyze only). */
    dot,
    /** A Mermaid flowchart, CDE highlighted (analyze only). */
    mermaid
}
