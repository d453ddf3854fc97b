package org.pcisegment.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pcisegment.kube.testing.OracleData;

/**
 * The np-guard oracle through the command line: every error case must end with exit code 2 and a
 * message naming the defect (and, where there is a file, its position).
 */
class KubeOracleCommandTest {
    /** What each error case's message must say, per the oracle README. */
    private static final Map<String, String> DEFECTS = Map.of(
            "bad_netpols-subdir1", "invalid CIDR in ipBlock",
            "bad_netpols-subdir2", "label key 'app@b' is invalid",
            "bad_netpols-subdir7", "label value '$backendservice' is invalid",
            "bad_netpols-subdir4", "empty peer",
            "np_bad_path_test_1", "duplicate NetworkPolicy default/backend-netpol",
            "np_test_with_empty_port_range", "endPort 1 is smaller than port 10",
            "document_with_syntax_error", "YAML syntax error",
            "no-manifests", "holds no .yaml, .yml or .json file");

    static List<String> errorCases() {
        return OracleData.errorCases();
    }

    @Test
    void everyOracleErrorCaseHasAnExpectedDefect() {
        assertThat(DEFECTS.keySet()).containsExactlyInAnyOrderElementsOf(OracleData.errorCases());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorCases")
    void rejectsOracleErrorCaseWithExitTwoAndTheDefect(String name) throws Exception {
        var dir = OracleData.errorDir(name);
        CliRun run = CliRun.of("kube", "analyze", "-f", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.INPUT);
        assertThat(run.err())
                .contains(DEFECTS.get(name))
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
        boolean hasManifest;
        try (var files = Files.list(dir)) {
            hasManifest = files.anyMatch(
                    f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".json"));
        }
        if (hasManifest) {
            assertThat(run.err())
                    .as("the message names the file and line")
                    .containsPattern("error: \\S+\\.(yaml|json):\\d+:\\d+: ");
        }
    }

    @Test
    void syntaxErrorNamesTheFileAndLine() {
        CliRun run = CliRun.of(
                "kube",
                "analyze",
                "-f",
                OracleData.errorDir("document_with_syntax_error").toString());
        assertThat(run.err()).contains("document_with_syntax_error.yaml:225:");
    }

    @Test
    void analyzePrintsTheOracleConnlist() {
        CliRun run = CliRun.of(
                "kube",
                "analyze",
                "-f",
                OracleData.caseDir("onlineboutique_workloads").toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().toList())
                .containsExactlyElementsOf(OracleData.expectedLines(
                        OracleData.root().resolve("expected/connlist/onlineboutique_workloads.txt")));
    }
}
