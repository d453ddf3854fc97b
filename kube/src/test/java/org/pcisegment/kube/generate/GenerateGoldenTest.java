package org.pcisegment.kube.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pcisegment.core.ir.PolicyCompiler;
import org.pcisegment.core.ir.RuleSet;
import org.pcisegment.core.load.PolicySet;
import org.pcisegment.core.testing.TestPolicySets;
import org.pcisegment.kube.testing.Golden;
import org.pcisegment.kube.yaml.KubeYaml;

/**
 * Every file {@code kube generate} writes for the shipped examples, per target, against golden
 * files under {@code golden/generate/TARGET/} (the CLI's tests compare against the same files), and
 * every file read back through its typed model into the object that was written.
 */
class GenerateGoldenTest {
    /** The namespace the CLI uses when none is given. */
    static final String NAMESPACE = "default";

    @TempDir
    Path out;

    @ParameterizedTest
    @EnumSource(GenerateResult.Target.class)
    void examplesMatchTheGoldenFilesAndReadBack(GenerateResult.Target target) throws Exception {
        PolicySet policySet = TestPolicySets.validExamples();
        RuleSet ruleSet = PolicyCompiler.compile(policySet);
        GenerateResult result = KubeGenerator.generate(ruleSet, target, NAMESPACE);
        List<Path> written = GenerateWriter.write(result, policySet.sha256(), out);

        String folder = "generate/" + target.name() + "/";
        for (Path file : written) {
            Golden.assertMatches(folder + file.getFileName(), Files.readString(file));
        }
        for (GeneratedResource resource : result.resources()) {
            String yaml = Files.readString(out.resolve(resource.fileName()));
            assertThat(KubeYaml.read(yaml, GeneratedPoliciesEquivalence.model(resource)))
                    .as("re-read " + resource.fileName())
                    .isEqualTo(resource.resource());
        }
        GenerateWriter.Manifest manifest =
                KubeYaml.read(Files.readString(out.resolve(GenerateWriter.MANIFEST)), GenerateWriter.Manifest.class);
        assertThat(manifest.resources().stream().map(GenerateWriter.Entry::file))
                .containsExactlyElementsOf(result.resources().stream()
                        .map(GeneratedResource::fileName)
                        .toList());
        if (!Boolean.getBoolean("golden.update")) {
            try (Stream<Path> golden = Files.list(Path.of("src/test/resources/golden/" + folder))) {
                assertThat(golden.map(p -> p.getFileName().toString()))
                        .as("no golden file without a generated counterpart")
                        .containsExactlyInAnyOrderElementsOf(written.stream()
                                .map(p -> p.getFileName().toString())
                                .toList());
            }
        }
    }
}
