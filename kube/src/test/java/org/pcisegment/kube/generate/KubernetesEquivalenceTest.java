package org.pcisegment.kube.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pcisegment.core.analysis.ReachabilityAnalyzer;
import org.pcisegment.core.ir.PolicyCompiler;
import org.pcisegment.core.ir.RuleSet;
import org.pcisegment.core.load.PolicySet;
import org.pcisegment.core.testing.RandomPolicySets;
import org.pcisegment.core.testing.TestPolicySets;
import org.pcisegment.kube.analysis.Connectivity;
import org.pcisegment.kube.analysis.ConnectivityAnalyzer;
import org.pcisegment.kube.manifest.ManifestReader;
import org.pcisegment.kube.testing.LineDiff;
import org.pcisegment.kube.yaml.KubeYaml;

/**
 * kube analyze of the generated NetworkPolicies gives exactly the connectivity pci-segment's own
 * analyze gives for the source policies: for the shipped examples and for random policy sets.
 */
class KubernetesEquivalenceTest {
    private static final String NAMESPACE = "pci";

    @TempDir
    Path dir;

    /**
     * Random sets are schema-valid but seldom PCI-compliant; the translation is defined for any
     * schema-valid set, so they are compiled without the PCI gate the CLI applies.
     */
    static List<Long> seeds() {
        return LongStream.range(0, 80).boxed().toList();
    }

    @Test
    void shippedExamples() throws Exception {
        assertEquivalent(TestPolicySets.validExamples(), "examples");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomPolicySets(long seed) throws Exception {
        assertEquivalent(new RandomPolicySets(seed).policySet(), "seed " + seed);
    }

    private void assertEquivalent(PolicySet policySet, String what) throws Exception {
        RuleSet ruleSet = PolicyCompiler.compile(policySet);
        HostTranslation.Translated translated = HostTranslation.of(ruleSet);
        Path out = Files.createDirectories(dir.resolve(what.replace(' ', '-')));
        for (GeneratedResource resource : KubernetesEmitter.emit(translated.policies(), NAMESPACE)) {
            String yaml = KubeYaml.write(resource.resource());
            assertThat(KubeYaml.read(yaml, NetworkPolicy.class)).isEqualTo(resource.resource());
            Files.writeString(out.resolve(resource.fileName()), yaml);
        }
        Equivalence.writePods(ruleSet.inventory(), NAMESPACE, out);

        Connectivity kube = ConnectivityAnalyzer.analyze(ManifestReader.read(List.of(out.toString())));
        List<String> expected = Equivalence.expected(ReachabilityAnalyzer.analyze(ruleSet), kube, NAMESPACE);
        LineDiff.assertSameLines(what, expected, Equivalence.comparable(kube, ruleSet.inventory()));
    }
}
