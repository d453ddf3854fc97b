package org.pcisegment.kube.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pcisegment.core.source.InputException;
import org.pcisegment.core.source.SourceSpan;
import org.pcisegment.kube.yaml.KubeYaml;

/** Writes one file per generated resource and {@code manifest.yaml} listing them. */
public final class GenerateWriter {
    public static final String MANIFEST = "manifest.yaml";

    private GenerateWriter() {}

    /** The manifest: what was generated, from what, what the cluster must provide, and warnings. */
    public record Manifest(
            String apiVersion,
            String kind,
            String target,
            String policySetSha256,
            List<Entry> resources,
            List<String> requirements,
            List<String> warnings) {
        public Manifest {
            resources = List.copyOf(resources);
            requirements = List.copyOf(requirements);
            warnings = List.copyOf(warnings);
        }
    }

    public record Entry(String file, String kind, String name, String purpose, String sourcePolicies) {}

    public static Manifest manifest(GenerateResult result, String policySetSha256) {
        return new Manifest(
                "pci-segment/v1",
                "GeneratedPolicyManifest",
                result.target().name(),
                policySetSha256,
                result.resources().stream()
                        .map(r -> new Entry(r.fileName(), r.kind(), r.name(), r.purpose(), r.source()))
                        .toList(),
                result.requirements(),
                result.findings().stream()
                        .map(f -> f.span() + ": " + f.message())
                        .toList());
    }

    public static List<Path> write(GenerateResult result, String policySetSha256, Path directory) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(directory);
            for (GeneratedResource resource : result.resources()) {
                Path file = directory.resolve(resource.fileName());
                Files.writeString(file, KubeYaml.write(resource.resource()), StandardCharsets.UTF_8);
                written.add(file);
            }
            Path manifest = directory.resolve(MANIFEST);
            Files.writeString(manifest, KubeYaml.write(manifest(result, policySetSha256)), StandardCharsets.UTF_8);
            written.add(manifest);
        } catch (IOException e) {
            throw new InputException(SourceSpan.of(directory.toString()), "cannot write the output: " + e.getMessage());
        }
        return written;
    }
}
