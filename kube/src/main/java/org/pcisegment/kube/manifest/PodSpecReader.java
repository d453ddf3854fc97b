package org.pcisegment.kube.manifest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.source.InputException;
import org.pcisegment.core.source.SourceSpan;
import org.pcisegment.core.source.YamlList;
import org.pcisegment.core.source.YamlMap;
import org.pcisegment.core.source.YamlScalar;
import org.pcisegment.core.source.YamlValue;
import org.pcisegment.kube.model.ContainerFacts;
import org.pcisegment.kube.model.ContainerPort;
import org.pcisegment.kube.model.Node;
import org.pcisegment.kube.model.NodeRequirement;
import org.pcisegment.kube.model.Note;
import org.pcisegment.kube.model.Placement;
import org.pcisegment.kube.model.PodShape;
import org.pcisegment.kube.model.Service;
import org.pcisegment.kube.model.Taint;
import org.pcisegment.kube.model.Toleration;

/**
 * Reads the parts of pod specs, services and nodes that connectivity and placement depend on.
 * Other fields are ignored: manifests carry many, and none of them changes what is read here.
 */
final class PodSpecReader {
    private PodSpecReader() {}

    static PodShape shape(
            String name, Map<String, String> labels, YamlMap spec, SourceSpan span, Consumer<Note> notes) {
        List<ContainerPort> ports = new ArrayList<>();
        List<ContainerFacts> containers = new ArrayList<>();
        for (String section : List.of("initContainers", "containers", "ephemeralContainers")) {
            for (YamlValue item : spec.list(section).map(YamlList::items).orElse(List.of())) {
                YamlMap container = YamlMap.asMap(item, "spec." + section + "[]");
                containers.add(container(container, section));
                if (section.equals("containers")) {
                    for (YamlValue port :
                            container.list("ports").map(YamlList::items).orElse(List.of())) {
                        YamlMap entry = YamlMap.asMap(port, "spec.containers[].ports[]");
                        if (entry.has("containerPort")) {
                            ports.add(containerPort(entry));
                        } else {
                            notes.accept(new Note(
                                    entry.span(),
                                    "container port without containerPort ignored (field names are"
                                            + " case-sensitive)"));
                        }
                    }
                }
            }
        }
        boolean hostNetwork =
                spec.present("hostNetwork").map(PodSpecReader::isTrue).orElse(false);
        return new PodShape(name, labels, ports, placement(spec), hostNetwork, containers, span);
    }

    private static ContainerFacts container(YamlMap container, String section) {
        String name = container.string("name").orElse("(unnamed " + section + ")");
        Optional<YamlMap> security = container.map("securityContext");
        boolean privileged = security.flatMap(s -> s.present("privileged"))
                .map(PodSpecReader::isTrue)
                .orElse(false);
        Set<String> added = new HashSet<>(security.flatMap(s -> s.map("capabilities"))
                .map(c -> c.stringList("add"))
                .orElse(List.of()));
        return new ContainerFacts(name, privileged, added);
    }

    private static ContainerPort containerPort(YamlMap port) {
        int number = (int) port.integer("containerPort").orElseThrow();
        if (number < 1 || number > 65535) {
            throw new InputException(port.span(), "containerPort " + number + " is outside 1-65535");
        }
        Protocol protocol = protocol(port, "container port");
        Optional<Integer> hostPort = port.integer("hostPort").stream()
                .filter(p -> p > 0)
                .mapToObj(p -> (int) p)
                .findFirst();
        return new ContainerPort(port.string("name"), number, protocol, hostPort);
    }

    private static Protocol protocol(YamlMap map, String where) {
        Optional<String> text = map.string("protocol");
        if (text.isEmpty()) {
            return Protocol.TCP;
        }
        return Protocol.parse(text.get())
                .orElseThrow(() -> new InputException(
                        map.get("protocol").map(YamlValue::span).orElse(map.span()),
                        "protocol '" + text.get() + "' of " + where + " is not TCP, UDP or SCTP"));
    }

    private static Placement placement(YamlMap spec) {
        Map<String, String> nodeSelector = spec.stringMap("nodeSelector");
        List<List<NodeRequirement>> terms = new ArrayList<>();
        spec.map("affinity")
                .flatMap(a -> a.map("nodeAffinity"))
                .flatMap(n -> n.map("requiredDuringSchedulingIgnoredDuringExecution"))
                .flatMap(r -> r.list("nodeSelectorTerms"))
                .ifPresent(list -> {
                    for (YamlValue term : list.items()) {
                        terms.add(term(YamlMap.asMap(term, "nodeSelectorTerms[]")));
                    }
                });
        List<Toleration> tolerations = new ArrayList<>();
        for (YamlValue item : spec.list("tolerations").map(YamlList::items).orElse(List.of())) {
            tolerations.add(toleration(YamlMap.asMap(item, "spec.tolerations[]")));
        }
        return new Placement(nodeSelector, terms, spec.string("nodeName"), tolerations);
    }

    private static List<NodeRequirement> term(YamlMap term) {
        List<NodeRequirement> requirements = new ArrayList<>();
        for (String section : List.of("matchExpressions", "matchFields")) {
            for (YamlValue item : term.list(section).map(YamlList::items).orElse(List.of())) {
                YamlMap expression = YamlMap.asMap(item, "nodeSelectorTerms[]." + section + "[]");
                String key = expression.requiredString("key", "node selector requirement");
                String operatorText = expression.requiredString("operator", "node selector requirement");
                NodeRequirement.Operator operator;
                try {
                    operator = NodeRequirement.Operator.valueOf(operatorText);
                } catch (IllegalArgumentException e) {
                    throw new InputException(
                            expression.span(),
                            "node selector operator '" + operatorText
                                    + "' is not In, NotIn, Exists, DoesNotExist, Gt or Lt");
                }
                // matchFields select on node fields (metadata.name), which the checks treat as the label of that name
                requirements.add(new NodeRequirement(key, operator, expression.stringList("values")));
            }
        }
        return requirements;
    }

    private static Toleration toleration(YamlMap toleration) {
        String operatorText = toleration.string("operator").orElse("Equal");
        Toleration.Operator operator = switch (operatorText) {
            case "Equal" -> Toleration.Operator.Equal;
            case "Exists" -> Toleration.Operator.Exists;
            default ->
                throw new InputException(
                        toleration.span(), "toleration operator '" + operatorText + "' is not Equal or Exists");
        };
        return new Toleration(
                toleration.string("key").filter(k -> !k.isEmpty()),
                operator,
                toleration.string("value"),
                toleration.string("effect").filter(e -> !e.isEmpty()));
    }

    static Node node(YamlMap document) {
        ObjectMeta meta = ObjectMeta.of(document, "Node");
        List<Taint> taints = new ArrayList<>();
        document.map("spec").flatMap(s -> s.list("taints")).ifPresent(list -> {
            for (YamlValue item : list.items()) {
                YamlMap taint = YamlMap.asMap(item, "spec.taints[]");
                taints.add(new Taint(
                        taint.requiredString("key", "taint"),
                        taint.string("value").orElse(""),
                        taint.requiredString("effect", "taint")));
            }
        });
        return new Node(meta.name(), meta.labels(), taints, document.span());
    }

    static Service service(YamlMap document) {
        ObjectMeta meta = ObjectMeta.of(document, "Service");
        YamlMap spec = document.map("spec").orElseGet(() -> new YamlMap(List.of(), document.span()));
        List<Service.Port> ports = new ArrayList<>();
        for (YamlValue item : spec.list("ports").map(YamlList::items).orElse(List.of())) {
            YamlMap port = YamlMap.asMap(item, "spec.ports[]");
            int number = (int) port.integer("port").orElseThrow(() -> port.missing("port", "service port"));
            Optional<Integer> nodePort =
                    port.integer("nodePort").stream().mapToObj(p -> (int) p).findFirst();
            ports.add(new Service.Port(port.string("name"), number, protocol(port, "service port"), nodePort));
        }
        return new Service(
                meta.namespace(),
                meta.name(),
                spec.string("type").orElse("ClusterIP"),
                spec.stringMap("selector"),
                ports,
                document.span());
    }

    private static boolean isTrue(YamlValue value) {
        return value instanceof YamlScalar s && s.text().equals("true");
    }
}
