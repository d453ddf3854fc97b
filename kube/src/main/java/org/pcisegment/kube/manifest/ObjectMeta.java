package org.pcisegment.kube.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pcisegment.core.source.InputException;
import org.pcisegment.core.source.SourceSpan;
import org.pcisegment.core.source.YamlList;
import org.pcisegment.core.source.YamlMap;
import org.pcisegment.core.source.YamlScalar;
import org.pcisegment.core.source.YamlValue;
import org.pcisegment.kube.model.ClusterNamespace;

/** The {@code metadata} of a Kubernetes object: name, namespace, labels and controller owner. */
public record ObjectMeta(
        String name,
        String namespace,
        Map<String, String> labels,
        Optional<OwnerReference> controller,
        SourceSpan span) {

    /** The {@code ownerReferences} entry marked {@code controller: true}. */
    public record OwnerReference(String kind, String name) {}

    /** Reads the metadata of {@code document}; {@code kind} names it in messages. */
    public static ObjectMeta of(YamlMap document, String kind) {
        YamlMap metadata = document.map("metadata")
                .orElseThrow(() -> new InputException(document.span(), kind + " has no metadata"));
        String name = metadata.string("name")
                .or(() -> metadata.string("generateName"))
                .filter(n -> !n.isBlank())
                .orElseThrow(() -> new InputException(metadata.span(), kind + " has no metadata.name"));
        String namespace =
                metadata.string("namespace").filter(n -> !n.isBlank()).orElse(ClusterNamespace.DEFAULT);
        return new ObjectMeta(name, namespace, metadata.stringMap("labels"), controller(metadata), metadata.span());
    }

    /** Labels of a pod template's {@code metadata}, which has no name of its own. */
    public static Map<String, String> templateLabels(YamlMap template) {
        return template.map("metadata").map(m -> m.stringMap("labels")).orElse(Map.of());
    }

    private static Optional<OwnerReference> controller(YamlMap metadata) {
        List<YamlValue> references =
                metadata.list("ownerReferences").map(YamlList::items).orElse(List.of());
        List<OwnerReference> controllers = new ArrayList<>();
        for (YamlValue item : references) {
            YamlMap reference = YamlMap.asMap(item, "metadata.ownerReferences[]");
            boolean isController = reference
                    .present("controller")
                    .map(v -> v instanceof YamlScalar s && s.text().equals("true"))
                    .orElse(false);
            if (isController) {
                controllers.add(new OwnerReference(
                        reference.string("kind").orElse(""),
                        reference.requiredString("name", "metadata.ownerReferences[]")));
            }
        }
        return controllers.stream().findFirst();
    }
}
