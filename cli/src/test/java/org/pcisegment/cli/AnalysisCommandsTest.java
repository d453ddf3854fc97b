package org.pcisegment.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcisegment.core.testing.TestPolicySets;

/** analyze, explain and diff through Main: outputs, refusals and exit codes. */
class AnalysisCommandsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    private static String example(String path) {
        return TestPolicySets.examples().resolve(path).toString();
    }

    private static List<String> validInput() {
        List<String> args = new ArrayList<>();
        for (String name : List.of("cde-app.yaml", "cde-database.yaml", "cde-isolation.yaml")) {
            args.add("-f");
            args.add(example("policies/" + name));
        }
        args.add("--inventory");
        args.add(example("inventory.yaml"));
        return args;
    }

    private int run(List<String> input, String... more) {
        List<String> args = new ArrayList<>(input);
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    @Test
    void analyzeListsCdeFlowsFirst() {
        List<String> args = new ArrayList<>(List.of("analyze"));
        args.addAll(validInput());

        assertThat(run(args.toArray(String[]::new))).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).startsWith("Segmentation analysis: 3 policies, 6 workloads (2 CDE)");
        assertThat(out.toString().indexOf("[CDE]")).isLessThan(out.toString().indexOf("[EXPOSED]"));
        assertThat(out.toString()).contains("web-frontend  payment-api   TCP 443");
    }

    @Test
    void analyzeRefusesAnInvalidPolicySetWithItsErrors() {
        int code =
                run("analyze", "-f", example("policies"), "--inventory", example("inventory.yaml"), "--format", "json");

        assertThat(code).isEqualTo(ExitCode.FINDINGS);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString())
                .contains("the policy set has 1 validation error")
                .contains("invalid-policy.yaml:19:19")
                .contains("PCI-CDE-INBOUND-ANY");
    }

    @Test
    void analyzeWritesDiagramsToAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("cde.mmd");
        List<String> args =
                new ArrayList<>(List.of("analyze", "--format", "mermaid", "--diagram", "cde", "-o", file.toString()));
        args.addAll(validInput());

        assertThat(run(args.toArray(String[]::new))).isEqualTo(ExitCode.OK);
        assertThat(Files.readString(file))
                .startsWith("---\ntitle: CDE data flows")
                .contains("flowchart LR");
    }

    @Test
    void explainGivesTheVerdictAsJson() {
        List<String> args = new ArrayList<>(List.of("explain", "--format", "json"));
        args.addAll(validInput());

        int code = run(args, "--from", "10.0.2.10", "--to", "10.0.1.20", "--port", "5432");

        assertThat(code).isEqualTo(ExitCode.OK);
        assertThat(out.toString())
                .contains("\"verdict\" : \"DENY\"")
                .contains("\"reason\" : \"default deny on destination\"");
    }

    @Test
    void explainRejectsBadFlagsWithExit2() {
        List<String> args = new ArrayList<>(List.of("explain"));
        args.addAll(validInput());

        assertThat(run(args, "--from", "10.0.2.300", "--to", "10.0.1.20", "--port", "5432"))
                .isEqualTo(ExitCode.INPUT);
        assertThat(err.toString()).contains("--from '10.0.2.300' is not an IPv4 or IPv6 address");
        assertThat(run(args, "--from", "10.0.2.10", "--to", "10.0.1.20", "--port", "22", "--protocol", "icmp"))
                .isEqualTo(ExitCode.INPUT);
        assertThat(run(args, "--from", "10.0.2.10", "--to", "fd00:1::20", "--port", "22"))
                .isEqualTo(ExitCode.INPUT);
    }

    @Test
    void diffExitsOneWhenAChangeOpensAccessIntoTheCde(@TempDir Path dir) throws IOException {
        Path old = Files.createDirectories(dir.resolve("old"));
        Path now = Files.createDirectories(dir.resolve("new"));
        for (String name : List.of("cde-app.yaml", "cde-database.yaml", "cde-isolation.yaml")) {
            String text = Files.readString(Path.of(example("policies/" + name)));
            Files.writeString(old.resolve(name), text);
            Files.writeString(now.resolve(name), text.replace("cidr: 10.0.1.0/24", "cidr: 10.0.2.0/24"));
        }
        String inventory = example("inventory.yaml");

        assertThat(run("diff", "--old", old.toString(), "--new", old.toString(), "--inventory", inventory))
                .isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("No change in reachability.");
        assertThat(run("diff", "--old", old.toString(), "--new", now.toString(), "--inventory", inventory))
                .isEqualTo(ExitCode.FINDINGS);
        assertThat(out.toString()).contains("+  web-frontend  payment-db  TCP 5432   <- new access into the CDE");
        assertThat(run(
                        "diff",
                        "--old",
                        old.toString(),
                        "--new",
                        dir.resolve("missing").toString()))
                .isEqualTo(ExitCode.INPUT);
    }
}
