package org.pcisegment.kube.analysis;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pcisegment.kube.manifest.ManifestReader;
import org.pcisegment.kube.testing.LineDiff;

/**
 * Cases written by hand from the Kubernetes NetworkPolicy documentation, one rule each: every
 * directory under {@code cases/} holds manifests and the {@code expected.txt} connlist.
 */
class HandWrittenCasesTest {

    static Path casesRoot() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(HandWrittenCasesTest.class.getResource("/cases"))
                .toURI());
    }

    static List<String> cases() throws IOException, URISyntaxException {
        try (Stream<Path> dirs = Files.list(casesRoot())) {
            return dirs.filter(Files::isDirectory)
                    .map(d -> d.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void connectivityMatchesTheDocumentedSemantics(String name) throws Exception {
        Path dir = casesRoot().resolve(name);
        List<String> expected = Files.readAllLines(dir.resolve("expected.txt")).stream()
                .filter(l -> !l.isBlank())
                .toList();
        List<String> actual = ConnectivityAnalyzer.analyze(ManifestReader.read(List.of(dir.toString())))
                .lines();
        LineDiff.assertSameLines(name, expected, actual);
    }
}
