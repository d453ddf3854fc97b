package org.pcisegment.kube.topology;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pcisegment.core.source.InputException;
import org.pcisegment.core.source.SourceSpan;
import org.pcisegment.kube.yaml.KubeYaml;

/**
 * Writes a generated topology: one NetworkPolicy per file, {@code networkpolicy-manifest.yaml}
 * listing each with its purpose and PCI-DSS requirements, and {@code network-diagram.md}.
 */
public final class TopologyWriter {
    public static final String MANIFEST = "networkpolicy-manifest.yaml";
    public static final String DIAGRAM = "network-diagram.md";

    private TopologyWriter() {}

    /** The manifest, a typed document serialized like the policies. */
    public record Manifest(String apiVersion, String kind, String stack, List<Entry> policies, List<Refused> refused) {
        public Manifest {
            policies = List.copyOf(policies);
            refused = List.copyOf(refused);
        }
    }

    public record Entry(
            String file, String namespace, String name, String category, String purpose, List<String> pciDss) {
        public Entry {
            pciDss = List.copyOf(pciDss);
        }
    }

    public record Refused(String message, String requirement, String at) {}

    public static Manifest manifest(TopologyResult result) {
        List<Entry> entries = result.policies().stream()
                .map(p -> new Entry(
                        p.fileName(),
                        p.policy().getMetadata().getNamespace(),
                        p.policy().getMetadata().getName(),
                        p.category().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                        p.purpose(),
                        p.pciDss()))
                .toList();
        List<Refused> refused = result.findings().stream()
                .map(f -> new Refused(f.message(), f.requirement(), f.span().toString()))
                .toList();
        return new Manifest(
                "pci-segment/v1", "NetworkPolicyManifest", result.stack().name(), entries, refused);
    }

    /** Writes every file into {@code directory} (created if missing) and returns their paths. */
    public static List<Path> write(TopologyResult result, Path directory) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(directory);
            for (TopologyPolicy policy : result.policies()) {
                written.add(write(directory.resolve(policy.fileName()), KubeYaml.write(policy.policy())));
            }
            written.add(write(directory.resolve(MANIFEST), KubeYaml.write(manifest(result))));
            written.add(write(directory.resolve(DIAGRAM), TopologyDiagram.markdown(result)));
        } catch (IOException e) {
            throw new InputException(SourceSpan.of(directory.toString()), "cannot write the output: " + e.getMessage());
        }
        return written;
    }

    private static Path write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
