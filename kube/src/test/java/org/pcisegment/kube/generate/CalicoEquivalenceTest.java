package org.pcisegment.kube.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pcisegment.core.analysis.ReachabilityAnalyzer;
import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.ir.PolicyCompiler;
import org.pcisegment.core.ir.RuleSet;
import org.pcisegment.core.load.PolicySet;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.core.testing.RandomPolicySets;
import org.pcisegment.core.testing.TestPolicySets;
import org.pcisegment.kube.analysis.Connectivity;
import org.pcisegment.kube.analysis.ConnectivityAnalyzer;
import org.pcisegment.kube.manifest.ManifestReader;
import org.pcisegment.kube.testing.LineDiff;
import org.pcisegment.kube.yaml.KubeYaml;

/**
 * kube analyze of the generated Calico policies gives pci-segment's connectivity, less exactly what
 * the pci-guard tier adds (seed 003): traffic between a CDE and a non-CDE workload in a direction
 * the source leaves open on the CDE side.
 */
class CalicoEquivalenceTest {
    private static final String NAMESPACE = "pci";

    @TempDir
    Path dir;

    static List<Long> seeds() {
        return LongStream.range(0, 30).boxed().toList();
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
        GenerateResult result = KubeGenerator.generate(ruleSet, GenerateResult.Target.calico, NAMESPACE);
        Path out = Files.createDirectories(dir.resolve(what.replace(' ', '-')));
        for (GeneratedResource resource : result.resources()) {
            String yaml = KubeYaml.write(resource.resource());
            assertThat(KubeYaml.read(yaml, resource.resource().getClass()))
                    .as("re-read " + resource.fileName())
                    .isEqualTo(resource.resource());
            Files.writeString(out.resolve(resource.fileName()), yaml);
        }
        Equivalence.writePods(ruleSet.inventory(), NAMESPACE, out);

        Connectivity kube = ConnectivityAnalyzer.analyze(ManifestReader.read(List.of(out.toString())));
        List<String> expected = Equivalence.expected(ReachabilityAnalyzer.analyze(ruleSet), kube, NAMESPACE).stream()
                .filter(line -> !guarded(line, ruleSet))
                .toList();
        LineDiff.assertSameLines(what, expected, Equivalence.comparable(kube, ruleSet.inventory()));
    }

    /** Whether the guard tier denies this pod-to-pod line: CDE on one end only, open on the CDE side. */
    private static boolean guarded(String line, RuleSet ruleSet) {
        String[] ends = line.substring(0, line.indexOf(" : ")).split(" => ");
        Workload from = workload(ends[0], ruleSet);
        Workload to = workload(ends[1], ruleSet);
        if (from == null || to == null || from.isCde() == to.isCde()) {
            return false;
        }
        return to.isCde()
                ? !ruleSet.host(to).ingress().restricted()
                : !ruleSet.host(from).egress().restricted();
    }

    private static @org.jspecify.annotations.Nullable Workload workload(String peer, RuleSet ruleSet) {
        if (!peer.startsWith(NAMESPACE + "/")) {
            return null;
        }
        String name = peer.substring(NAMESPACE.length() + 1, peer.indexOf('['));
        return ruleSet.inventory().byName(name).orElseThrow();
    }

    @Test
    void guardOnlyTouchesOpenDirectionsOfCdeWorkloads() {
        RuleSet ruleSet = PolicyCompiler.compile(TestPolicySets.validExamples());
        Workload api = ruleSet.inventory().byName("payment-api").orElseThrow();
        assertThat(api.isCde()).isTrue();
        assertThat(ruleSet.host(api).direction(Direction.INGRESS).restricted()).isTrue();
    }
}
