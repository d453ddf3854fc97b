package org.pcisegment.core.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.pcisegment.core.source.SourceSpan;

/** {@code metadata}: name, labels and annotations, with the positions of name and annotations. */
public record Metadata(
        String name, SourceSpan nameSpan, Map<String, String> labels, Map<String, Located<String>> annotations) {

    public Metadata {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    }

    public Optional<String> annotation(String key) {
        return Optional.ofNullable(annotations.get(key)).map(Located::value);
    }
}
