package org.pcisegment.kube.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcisegment.kube.testing.Golden;
import org.pcisegment.kube.testing.OracleData;

/** Every file {@code kube topology} writes for the shipped example stack, against golden files. */
class TopologyGoldenTest {
    @TempDir
    Path out;

    @Test
    void exampleStackOutputMatchesTheGoldenFiles() throws Exception {
        Path examples = OracleData.repositoryRoot().resolve("examples/kube");
        PciExceptions exceptions = TopologyParser.exceptions(examples.resolve("pci-exceptions.yaml"));
        TopologyResult result = TopologyGenerator.generate(
                TopologyParser.stack(examples.resolve("stack.yaml"), exceptions.wellKnownPorts()), exceptions);
        List<Path> written = TopologyWriter.write(result, out);

        for (Path file : written) {
            Golden.assertMatches("topology/" + file.getFileName(), Files.readString(file));
        }
        if (!Boolean.getBoolean("golden.update")) {
            try (Stream<Path> golden = Files.list(Path.of("src/test/resources/golden/topology"))) {
                assertThat(golden.map(p -> p.getFileName().toString()))
                        .as("no golden file without a generated counterpart")
                        .containsExactlyInAnyOrderElementsOf(written.stream()
                                .map(p -> p.getFileName().toString())
                                .toList());
            }
        }
    }
}
