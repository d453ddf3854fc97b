package org.pcisegment.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcisegment.core.testing.Golden;
import org.pcisegment.core.testing.TestPolicySets;
import org.pcisegment.kube.testing.OracleData;

/**
 * kube generate through Main: for every target the files written for the shipped examples equal the
 * kube module's golden files (the same files its equivalence and read-back tests hold to), the
 * summary equals its golden file here; refusals and exit codes.
 */
class KubeGenerateCommandTest {
    @TempDir
    Path dir;

    private static List<String> examples() {
        Path examples = TestPolicySets.examples();
        List<String> args = new ArrayList<>();
        for (String name : List.of("cde-app.yaml", "cde-database.yaml", "cde-isolation.yaml")) {
            args.add("-f");
            args.add(examples.resolve("policies").resolve(name).toString());
        }
        args.add("--inventory");
        args.add(examples.resolve("inventory.yaml").toString());
        return args;
    }

    private Cli generate(String... more) {
        List<String> args = new ArrayList<>(List.of("kube", "generate"));
        args.addAll(examples());
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s", "calico", "cilium"})
    void writesTheGoldenFilesOfEveryTarget(String target) throws Exception {
        Path out = dir.resolve(target);
        Cli run = generate("--target", target, "-o", out.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(run.err()).isEmpty();
        Golden.assertMatches(
                KubeGenerateCommandTest.class,
                "kube-generate-" + target + ".txt",
                run.out().replace(out.toString(), "OUT"));

        Path golden = OracleData.repositoryRoot().resolve("kube/src/test/resources/golden/generate/" + target);
        List<String> expectedFiles;
        try (Stream<Path> files = Files.list(golden)) {
            expectedFiles = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactlyElementsOf(expectedFiles);
        }
        for (String file : expectedFiles) {
            assertThat(out.resolve(file)).as(file).hasSameTextualContentAs(golden.resolve(file));
        }
    }

    @Test
    void targetDefaultsToKubernetesNetworkPolicies() throws Exception {
        Cli run = generate("-o", dir.toString(), "--namespace", "payments");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("Target k8s, namespace payments: 2 NetworkPolicy");
        assertThat(Files.readString(dir.resolve("networkpolicy__payments__payment-api.yaml")))
                .contains("apiVersion: networking.k8s.io/v1")
                .contains("namespace: payments");
    }

    @Test
    void refusesAnInvalidPolicySetWithExitOneAndWritesNothing() {
        Path examples = TestPolicySets.examples();
        Path out = dir.resolve("out");
        Cli run = Cli.run(
                "kube",
                "generate",
                "-f",
                examples.resolve("policies/invalid-policy.yaml").toString(),
                "--inventory",
                examples.resolve("inventory.yaml").toString(),
                "--target",
                "calico",
                "-o",
                out.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
        assertThat(run.err()).contains("kube generate only analyses valid policy sets");
        assertThat(out).doesNotExist();
    }

    @Test
    void rejectsAnUnknownTargetAndABadNamespaceWithExitTwo() {
        Cli target = generate("--target", "istio", "-o", dir.toString());
        assertThat(target.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(target.err())
                .contains("Invalid value for option '--target'")
                .contains("k8s, calico, cilium")
                .contains("Run 'pci-segment kube generate --help' for usage.");

        Cli namespace = generate("-n", "Payments_NS", "-o", dir.toString());
        assertThat(namespace.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(namespace.err()).contains("--namespace 'Payments_NS' is not a Kubernetes namespace name");
        assertThat(namespace.showsAStackTrace()).isFalse();
    }

    @Test
    void helpDescribesEveryTargetWithExamples() {
        Cli run = Cli.run("kube", "generate", "--help");
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        Golden.assertMatches(KubeGenerateCommandTest.class, "help-kube-generate.txt", run.out());
    }
}
