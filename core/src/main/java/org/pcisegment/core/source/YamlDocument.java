package org.pcisegment.core.source;

/** One document of a (possibly multi-document) YAML stream. */
public record YamlDocument(YamlValue root, SourceSpan span) {}
