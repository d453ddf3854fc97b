package org.pcisegment.kube.generate;

/**
 * One generated resource: the typed object to serialize, the file it goes to, and what the
 * manifest says about it.
 */
public record GeneratedResource(
        String fileName, String kind, String namespace, String name, Object resource, String source, String purpose) {}
