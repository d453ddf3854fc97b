package org.pcisegment.core.source;

/**
 * A YAML node with its position, detached from the parser: the loaders read these, so every value
 * they take carries the span an error or finding needs.
 */
public sealed interface YamlValue permits YamlMap, YamlList, YamlScalar {

    SourceSpan span();

    /** How the value is described in error messages: "a mapping", "a list", "the string 'x'". */
    String describe();
}
