package org.pcisegment.kube.manifest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.pcisegment.core.source.InputException;
import org.pcisegment.core.source.InputFiles;
import org.pcisegment.core.source.SourceFile;
import org.pcisegment.core.source.SourceSpan;
import org.pcisegment.core.source.YamlDocument;
import org.pcisegment.core.source.YamlList;
import org.pcisegment.core.source.YamlLoader;
import org.pcisegment.core.source.YamlMap;
import org.pcisegment.core.source.YamlValue;
import org.pcisegment.kube.calico.CalicoParser;
import org.pcisegment.kube.calico.CalicoPolicy;
import org.pcisegment.kube.calico.CalicoTier;
import org.pcisegment.kube.calico.NetworkSet;
import org.pcisegment.kube.model.ClusterNamespace;
import org.pcisegment.kube.model.Node;
import org.pcisegment.kube.model.Note;
import org.pcisegment.kube.model.PodShape;
import org.pcisegment.kube.model.Service;
import org.pcisegment.kube.model.Workload;
import org.pcisegment.kube.model.WorkloadId;
import org.pcisegment.kube.netpol.NetworkPolicy;
import org.pcisegment.kube.netpol.NetworkPolicyParser;

/**
 * Reads manifests as {@code kubectl get -o yaml} or a Helm render gives them: multi-document YAML,
 * JSON, {@code kind: List} and typed lists ({@code PodList}, {@code NamespaceList}). Kinds that do
 * not affect connectivity or placement are skipped with a note; malformed input is an error with
 * its file and line.
 */
public final class ManifestReader {
    /** Controllers whose pod template sits at {@code spec.template}. */
    private static final Set<String> TEMPLATE_CONTROLLERS =
            Set.of("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "ReplicationController");

    private final Map<String, ClusterNamespace> namespaces = new HashMap<>();
    private final Map<String, SourceSpan> namespaceReferences = new LinkedHashMap<>();
    private final Map<WorkloadId, List<PodShape>> pods = new LinkedHashMap<>();
    private final Map<WorkloadId, SourceSpan> workloadSpans = new HashMap<>();
    private final Map<WorkloadId, SourceSpan> controllers = new HashMap<>();
    private final Map<String, SourceSpan> podNames = new HashMap<>();
    private final Map<String, SourceSpan> policyNames = new HashMap<>();
    private final List<Service> services = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private final List<NetworkPolicy> networkPolicies = new ArrayList<>();
    private final List<CalicoPolicy> calicoPolicies = new ArrayList<>();
    private final List<CalicoTier> calicoTiers = new ArrayList<>();
    private final List<NetworkSet> networkSets = new ArrayList<>();
    private final List<Note> notes = new ArrayList<>();

    private ManifestReader() {}

    /** Reads the files named by {@code -f} arguments (files, directories, globs). */
    public static Cluster read(List<String> arguments) {
        return readFiles(InputFiles.resolve(arguments));
    }

    public static Cluster readFiles(List<Path> files) {
        ManifestReader reader = new ManifestReader();
        for (Path file : files) {
            SourceFile source = YamlLoader.load(file, true);
            if (source.documents().isEmpty()) {
                reader.notes.add(new Note(SourceSpan.of(source.name()), "file holds no YAML document; skipped"));
            }
            for (YamlDocument document : source.documents()) {
                reader.document(document.root(), Optional.empty());
            }
        }
        return reader.cluster();
    }

    private Cluster cluster() {
        for (Map.Entry<String, SourceSpan> reference : namespaceReferences.entrySet()) {
            namespaces.computeIfAbsent(
                    reference.getKey(), name -> new ClusterNamespace(name, Map.of(), false, reference.getValue()));
        }
        List<Workload> workloads = new ArrayList<>();
        pods.forEach(
                (id, shapes) -> workloads.add(new Workload(id, shapes, Objects.requireNonNull(workloadSpans.get(id)))));
        workloads.sort((a, b) -> a.id().compareTo(b.id()));
        return new Cluster(
                namespaces,
                workloads,
                services,
                nodes,
                networkPolicies,
                calicoPolicies,
                calicoTiers,
                networkSets,
                notes);
    }

    /**
     * Reads one object. {@code listKind} is the item kind of an enclosing typed list ({@code Pod}
     * inside a {@code PodList}), whose items carry no {@code kind} of their own.
     */
    private void document(YamlValue root, Optional<String> listKind) {
        YamlMap document = YamlMap.asMap(root, "document");
        Optional<String> kind = document.string("kind").or(() -> listKind);
        if (kind.isEmpty()) {
            notes.add(new Note(document.span(), "document has no 'kind'; skipped"));
            return;
        }
        String apiVersion = document.string("apiVersion").orElse("");
        String kindName = kind.get();
        if (kindName.endsWith("List") && document.has("items")) {
            String itemKind = kindName.substring(0, kindName.length() - "List".length());
            Optional<String> inherited = itemKind.isEmpty() ? Optional.empty() : Optional.of(itemKind);
            for (YamlValue item : document.list("items").map(YamlList::items).orElse(List.of())) {
                document(item, inherited);
            }
            return;
        }
        if (apiVersion.equals(CalicoParser.API_VERSION)) {
            calico(document, kindName);
            return;
        }
        switch (kindName) {
            case "Namespace" -> namespace(document);
            case "Pod" -> pod(document);
            case "CronJob" -> controller(document, kindName, jobTemplate(document));
            case "Service" -> service(document);
            case "Node" -> nodes.add(PodSpecReader.node(document));
            case "NetworkPolicy" -> {
                if (apiVersion.equals(NetworkPolicyParser.API_VERSION)) {
                    networkPolicy(document);
                } else {
                    notes.add(new Note(
                            document.span(),
                            "NetworkPolicy with apiVersion '" + apiVersion + "' skipped; expected "
                                    + NetworkPolicyParser.API_VERSION + " or " + CalicoParser.API_VERSION));
                }
            }
            default -> {
                if (TEMPLATE_CONTROLLERS.contains(kindName)) {
                    YamlMap spec = document.map("spec").orElseThrow(() -> document.missing("spec", kindName));
                    YamlMap template =
                            spec.map("template").orElseThrow(() -> spec.missing("template", kindName + " spec"));
                    controller(document, kindName, template);
                } else {
                    notes.add(new Note(document.span(), "kind " + kindName + " does not affect connectivity; skipped"));
                }
            }
        }
    }

    private static YamlMap jobTemplate(YamlMap document) {
        YamlMap spec = document.map("spec").orElseThrow(() -> document.missing("spec", "CronJob"));
        YamlMap job = spec.map("jobTemplate").orElseThrow(() -> spec.missing("jobTemplate", "CronJob spec"));
        YamlMap jobSpec = job.map("spec").orElseThrow(() -> job.missing("spec", "CronJob jobTemplate"));
        return jobSpec.map("template").orElseThrow(() -> jobSpec.missing("template", "CronJob jobTemplate spec"));
    }

    private void calico(YamlMap document, String kind) {
        switch (kind) {
            case "NetworkPolicy" -> {
                CalicoPolicy policy = CalicoParser.policy(document, false);
                unique(
                        "Calico NetworkPolicy " + policy.namespace().orElseThrow() + "/" + policy.name(),
                        document.span());
                referNamespace(policy.namespace().orElseThrow(), document.span());
                calicoPolicies.add(policy);
            }
            case "GlobalNetworkPolicy" -> {
                CalicoPolicy policy = CalicoParser.policy(document, true);
                unique("Calico GlobalNetworkPolicy " + policy.name(), document.span());
                calicoPolicies.add(policy);
            }
            case "Tier" -> {
                CalicoTier tier = CalicoParser.tier(document);
                unique("Calico Tier " + tier.name(), document.span());
                calicoTiers.add(tier);
            }
            case "GlobalNetworkSet" -> networkSets.add(CalicoParser.networkSet(document, true));
            case "NetworkSet" -> {
                NetworkSet set = CalicoParser.networkSet(document, false);
                referNamespace(set.namespace().orElseThrow(), document.span());
                networkSets.add(set);
            }
            default -> notes.add(new Note(document.span(), "Calico kind " + kind + " is not analysed; skipped"));
        }
    }

    private void namespace(YamlMap document) {
        ObjectMeta meta = ObjectMeta.of(document, "Namespace");
        ClusterNamespace previous =
                namespaces.put(meta.name(), new ClusterNamespace(meta.name(), meta.labels(), true, document.span()));
        if (previous != null) {
            throw new InputException(
                    document.span(),
                    "duplicate Namespace '" + meta.name() + "' (first defined at " + previous.span() + ")");
        }
    }

    private void pod(YamlMap document) {
        ObjectMeta meta = ObjectMeta.of(document, "Pod");
        SourceSpan previous = podNames.putIfAbsent(meta.namespace() + "/" + meta.name(), document.span());
        if (previous != null) {
            throw new InputException(
                    document.span(),
                    "duplicate Pod '" + meta.namespace() + "/" + meta.name() + "' (first defined at " + previous + ")");
        }
        WorkloadId id = meta.controller()
                .filter(owner -> !owner.kind().equals("Node")) // static pods: the node is no workload
                .map(owner -> new WorkloadId(
                        meta.namespace(), owner.name(), owner.kind().isEmpty() ? WorkloadId.POD_KIND : owner.kind()))
                .orElseGet(() -> new WorkloadId(meta.namespace(), meta.name(), WorkloadId.POD_KIND));
        YamlMap spec = document.map("spec").orElseGet(() -> new YamlMap(List.of(), document.span()));
        addPod(id, PodSpecReader.shape(meta.name(), meta.labels(), spec, document.span(), notes::add), document.span());
    }

    private void controller(YamlMap document, String kind, YamlMap template) {
        ObjectMeta meta = ObjectMeta.of(document, kind);
        WorkloadId id = new WorkloadId(meta.namespace(), meta.name(), kind);
        SourceSpan previous = controllers.putIfAbsent(id, document.span());
        if (previous != null) {
            throw new InputException(
                    document.span(),
                    "duplicate " + kind + " '" + id.namespace() + "/" + id.name() + "' (first defined at " + previous
                            + ")");
        }
        YamlMap podSpec = template.map("spec").orElseGet(() -> new YamlMap(List.of(), template.span()));
        addPod(
                id,
                PodSpecReader.shape(
                        meta.name(), ObjectMeta.templateLabels(template), podSpec, template.span(), notes::add),
                document.span());
    }

    private void addPod(WorkloadId id, PodShape shape, SourceSpan span) {
        referNamespace(id.namespace(), span);
        pods.computeIfAbsent(id, k -> new ArrayList<>()).add(shape);
        workloadSpans.putIfAbsent(id, span);
    }

    private void service(YamlMap document) {
        Service service = PodSpecReader.service(document);
        referNamespace(service.namespace(), document.span());
        services.add(service);
    }

    private void networkPolicy(YamlMap document) {
        NetworkPolicy policy = NetworkPolicyParser.parse(document);
        unique("NetworkPolicy " + policy.qualifiedName(), document.span());
        referNamespace(policy.namespace(), document.span());
        networkPolicies.add(policy);
    }

    private void unique(String what, SourceSpan span) {
        SourceSpan previous = policyNames.putIfAbsent(what, span);
        if (previous != null) {
            throw new InputException(
                    span,
                    "duplicate " + what + " (first defined at " + previous + "); names must be unique in a namespace");
        }
    }

    private void referNamespace(String name, SourceSpan span) {
        namespaceReferences.putIfAbsent(name, span);
    }
}
