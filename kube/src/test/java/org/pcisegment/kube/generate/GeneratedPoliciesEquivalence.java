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
 * The contract every {@code kube generate} target meets, for the shipped examples and random policy
 * sets: each generated resource reads back through its typed model into the object that was
 * written, and {@code kube analyze} of the output (over one pod per inventory workload) gives
 * exactly the connectivity pci-segment's own analyze gives for the source policies, less what the
 * target deliberately adds ({@link #deniedOnPurpose}).
 *
 * <p>Random sets are schema-valid but seldom PCI-compliant; the translation is defined for any
 * schema-valid set, so they are compiled without the PCI gate the CLI applies.
 */
abstract class GeneratedPoliciesEquivalence {
    static final String NAMESPACE = "pci";

    @TempDir
    Path dir;

    static List<Long> seeds() {
        return LongStream.range(0, 80).boxed().toList();
    }

    abstract GenerateResult.Target target();

    /** The manifest kube analyze reads for one generated resource, given its YAML as written. */
    String analysable(GeneratedResource resource, String yaml) {
        return yaml;
    }

    /** Whether a line of pci-segment's analysis is denied by design in this target's output. */
    boolean deniedOnPurpose(String line, RuleSet ruleSet) {
        return false;
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
        Connectivity kube = generateAndAnalyze(ruleSet, what.replace(' ', '-'));
        List<String> expected = Equivalence.expected(ReachabilityAnalyzer.analyze(ruleSet), kube, NAMESPACE).stream()
                .filter(line -> !deniedOnPurpose(line, ruleSet))
                .toList();
        LineDiff.assertSameLines(what, expected, Equivalence.comparable(kube, ruleSet.inventory()));
    }

    /** Generates for this target into a directory of its own, checks the read-back, and analyses. */
    final Connectivity generateAndAnalyze(RuleSet ruleSet, String name) throws Exception {
        return generateAndAnalyze(ruleSet, name, "");
    }

    /** As above, with more manifests (other namespaces' pods) in the analysed cluster. */
    final Connectivity generateAndAnalyze(RuleSet ruleSet, String name, String moreManifests) throws Exception {
        GenerateResult result = KubeGenerator.generate(ruleSet, target(), NAMESPACE);
        Path out = Files.createDirectories(dir.resolve(name));
        for (GeneratedResource resource : result.resources()) {
            String yaml = KubeYaml.write(resource.resource());
            assertThat(KubeYaml.read(yaml, model(resource)))
                    .as("re-read " + resource.fileName())
                    .isEqualTo(resource.resource());
            Files.writeString(out.resolve(resource.fileName()), analysable(resource, yaml));
        }
        Equivalence.writePods(ruleSet.inventory(), NAMESPACE, out);
        if (!moreManifests.isEmpty()) {
            Files.writeString(out.resolve("more.yaml"), moreManifests);
        }
        return ConnectivityAnalyzer.analyze(ManifestReader.read(List.of(out.toString())));
    }

    /** The typed model a generated resource reads back into. */
    static Class<?> model(GeneratedResource resource) {
        return switch (resource.resource()) {
            case NetworkPolicy p -> NetworkPolicy.class;
            case CalicoResources.Tier t -> CalicoResources.Tier.class;
            case CalicoResources.Policy p -> CalicoResources.Policy.class;
            case CiliumResources.Policy p -> CiliumResources.Policy.class;
            default ->
                throw new AssertionError(
                        "unexpected resource " + resource.resource().getClass());
        };
    }
}
