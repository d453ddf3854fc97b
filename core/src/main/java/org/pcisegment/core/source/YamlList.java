package org.pcisegment.core.source;

import java.util.List;

/** A YAML sequence. */
public record YamlList(List<YamlValue> items, SourceSpan span) implements YamlValue {

    public YamlList {
        items = List.copyOf(items);
    }

    @Override
    public String describe() {
        return "a list";
    }
}
