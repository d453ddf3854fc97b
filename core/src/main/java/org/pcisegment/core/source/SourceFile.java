package org.pcisegment.core.source;

import java.util.List;

/** A loaded input file: its name as given, its text, and its YAML documents. */
public record SourceFile(String name, String text, List<YamlDocument> documents) {
    public SourceFile {
        documents = List.copyOf(documents);
    }
}
