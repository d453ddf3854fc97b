package org.pcisegment.kube.topology;

/**
 * An allowed flow for the diagram: from and to are component names, namespaces ({@code ns:NAME})
 * or outside parties ({@code internet}, {@code dns}, {@code kube-api}, {@code cidr:...}).
 */
public record Flow(String from, String to, String ports, TopologyPolicy.Category category) {}
