package org.pcisegment.cli;

import java.util.ArrayList;
import java.util.List;
import org.pcisegment.kube.manifest.Cluster;
import org.pcisegment.kube.manifest.ManifestReader;
import picocli.CommandLine.Option;

/** {@code -f}: the Kubernetes manifests a kube command reads. */
final class ManifestFiles {
    @Option(
            names = {"-f", "--file"},
            paramLabel = "PATH",
            required = true,
            description = "Manifest file, directory or glob (YAML or JSON, multi-document, List kinds). Repeatable.")
    List<String> files = new ArrayList<>();

    Cluster read() {
        return ManifestReader.read(files);
    }
}
