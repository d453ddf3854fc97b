package org.pcisegment.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pcisegment.core.json.Json;
import org.pcisegment.core.pci.PciRules;
import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.testing.Golden;
import tools.jackson.databind.JsonNode;

class ValidateCommandTest {
    private static final String POLICIES = "../examples/policies";
    private static final String ISOLATION = POLICIES + "/cde-isolation.yaml";
    private static final String INVALID = POLICIES + "/invalid-policy.yaml";
    private static final String INVENTORY = "../examples/inventory.yaml";

    private static final List<String> SEVERAL_EXAMPLES = List.of(
            "validate",
            "-f",
            "../examples/findings/schema-mistakes.yaml",
            "-f",
            "../examples/findings/cde-services.yaml",
            "-f",
            "../examples/findings/cde-inbound.yaml");

    @TempDir
    Path dir;

    private static String[] withFormat(List<String> args, String format) {
        return Stream.concat(args.stream(), Stream.of("--format", format)).toArray(String[]::new);
    }

    private static String golden(String name) throws IOException {
        return Files.readString(Golden.path(ValidateCommandTest.class, name), StandardCharsets.UTF_8);
    }

    @Test
    void aValidSeedPolicyPrintsExactlyTheSeedOutput() throws IOException {
        Cli run = Cli.run("validate", "-f", ISOLATION);
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.err()).isEmpty();
        // seed-cde-isolation.txt is the "Output:" block of the original README, verbatim.
        assertThat(run.out()).isEqualTo(golden("seed-cde-isolation.txt"));
    }

    @Test
    void theSeedInvalidPolicyPrintsEverySeedLineInOrder() throws IOException {
        Cli run = Cli.run("validate", "-f", INVALID);
        assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
        // The seed shows an abbreviated block; the lines we add (API version, location, rule id)
        // may sit between its lines, but every seed line must appear, unchanged and in order.
        List<String> actual = run.out().lines().toList();
        int next = 0;
        for (String seedLine : golden("seed-invalid-policy.txt").lines().toList()) {
            int found = actual.subList(next, actual.size()).indexOf(seedLine);
            assertThat(found)
                    .as("seed line '%s' after line %d of:%n%s", seedLine, next, run.out())
                    .isNotNegative();
            next += found + 1;
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiterString = "|",
            value = {
                "validate-cde-isolation.txt    | validate -f ../examples/policies/cde-isolation.yaml",
                "validate-cde-database.txt     | validate -f ../examples/policies/cde-database.yaml",
                "validate-invalid-policy.txt   | validate -f ../examples/policies/invalid-policy.yaml",
                "validate-invalid-policy-v.txt | validate -f ../examples/policies/invalid-policy.yaml -v",
                "validate-all.txt              | validate -f ../examples/policies --inventory ../examples/inventory.yaml",
                "validate-all-v.txt            | validate -f ../examples/policies --inventory ../examples/inventory.yaml -v",
                "validate-schema-mistakes.txt  | validate -f ../examples/findings/schema-mistakes.yaml -v",
                "validate-cde-scope.txt        | validate -f ../examples/findings/cde-scope.yaml",
                "validate-cde-inbound-v.txt    | validate -f ../examples/findings/cde-inbound.yaml -v",
                "validate-cde-services.txt     | validate -f ../examples/findings/cde-services.yaml",
                "validate-all.json             | validate -f ../examples/policies --inventory ../examples/inventory.yaml --format json",
                "validate-invalid-policy.sarif | validate -f ../examples/policies/invalid-policy.yaml --format sarif"
            })
    void outputMatchesItsGoldenFile(String golden, String commandLine) {
        Cli run = Cli.run(commandLine.split(" "));
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isIn(ExitCode.OK, ExitCode.FINDINGS);
        Golden.assertMatches(ValidateCommandTest.class, golden, run.outWithoutVersion());
    }

    @Test
    void exitCodesSeparateValidFindingsAndInputErrors() {
        assertThat(Cli.run("validate", "-f", ISOLATION).exitCode()).isEqualTo(0);
        assertThat(Cli.run("validate", "-f", INVALID).exitCode()).isEqualTo(1);
        assertThat(Cli.run("validate", "-f", "no-such-file.yaml").exitCode()).isEqualTo(2);
        // Warnings alone do not fail validation.
        Cli warnings = Cli.run("validate", "-f", ISOLATION, "--inventory", INVENTORY);
        assertThat(warnings.out()).contains("Warnings: 1 (run with -v for details and remediation)");
        assertThat(warnings.exitCode()).isEqualTo(0);
    }

    @Test
    void verboseListsWarningsAndRemediation() {
        Cli quiet = Cli.run("validate", "-f", ISOLATION, "--inventory", INVENTORY);
        Cli verbose = Cli.run("validate", "-f", ISOLATION, "--inventory", INVENTORY, "-v");
        assertThat(quiet.out()).doesNotContain("fix:").doesNotContain("admits non-CDE workloads");
        assertThat(verbose.out())
                .contains("     * ingress[0] admits non-CDE workloads into the CDE: monitoring\n"
                        + "       at ../examples/policies/cde-isolation.yaml:26:7 [PCI-CDE-INBOUND-NONCDE, Req 1.3.1]\n"
                        + "       fix: Narrow the peers");
    }

    @Test
    void jsonHasTheDocumentedFields() {
        Cli run = Cli.run("validate", "-f", POLICIES, "--inventory", INVENTORY, "--format", "json");
        assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
        JsonNode root = Json.MAPPER.readTree(run.out());
        assertThat(root.propertyNames())
                .containsExactly("tool", "version", "valid", "policySetSha256", "summary", "policies", "findings");
        assertThat(root.get("tool").asString()).isEqualTo("pci-segment");
        assertThat(root.get("version").asString()).isEqualTo(Version.get());
        assertThat(root.get("valid").asBoolean()).isFalse();
        assertThat(root.get("policySetSha256").asString()).matches("[0-9a-f]{64}");
        JsonNode summary = root.get("summary");
        assertThat(summary.propertyNames()).containsExactly("policies", "workloads", "errors", "warnings", "info");
        assertThat(summary.get("policies").asInt()).isEqualTo(4);
        assertThat(summary.get("workloads").asInt()).isEqualTo(6);
        assertThat(summary.get("errors").asInt()).isEqualTo(1);
        assertThat(summary.get("warnings").asInt()).isEqualTo(2);

        JsonNode bad = root.get("policies")
                .valueStream()
                .filter(p -> p.get("name").asString().equals("bad-cde-policy"))
                .findFirst()
                .orElseThrow();
        assertThat(bad.propertyNames())
                .containsExactly("name", "file", "line", "apiVersion", "kind", "pciDss", "valid", "findings");
        assertThat(bad.get("file").asString()).isEqualTo(INVALID);
        assertThat(bad.get("line").asInt()).isEqualTo(3);
        assertThat(bad.get("pciDss").valueStream().map(JsonNode::asString)).containsExactly("1.3");
        assertThat(bad.get("valid").asBoolean()).isFalse();

        JsonNode finding = root.get("findings").get(0);
        assertThat(finding.propertyNames())
                .containsExactly(
                        "ruleId",
                        "requirement",
                        "severity",
                        "message",
                        "file",
                        "line",
                        "column",
                        "policy",
                        "remediation");
        assertThat(finding.get("ruleId").asString()).isEqualTo("PCI-CDE-INBOUND-ANY");
        assertThat(finding.get("requirement").asString()).isEqualTo("1.3.1");
        assertThat(finding.get("severity").asString()).isEqualTo("error");
        assertThat(finding.get("message").asString())
                .isEqualTo("CDE policy cannot allow access from 0.0.0.0/0 (PCI-DSS Req 1.3 violation)");
        assertThat(finding.get("file").asString()).isEqualTo(INVALID);
        assertThat(finding.get("line").asInt()).isEqualTo(19);
        assertThat(finding.get("column").asInt()).isEqualTo(19);
        assertThat(finding.get("policy").asString()).isEqualTo("bad-cde-policy");
        assertThat(bad.get("findings").get(0)).isEqualTo(finding);
    }

    @Test
    void sarifFollowsTheSarif210Structure() {
        // Several example files at once (only one of them embeds an inventory).
        Cli run = Cli.run(withFormat(SEVERAL_EXAMPLES, "sarif"));
        assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
        JsonNode root = Json.MAPPER.readTree(run.out());
        assertThat(root.get("version").asString()).isEqualTo("2.1.0");
        assertThat(root.get("$schema").asString()).contains("sarif-2.1.0");
        assertThat(root.get("runs").size()).isEqualTo(1);
        JsonNode driver = root.get("runs").get(0).get("tool").get("driver");
        assertThat(driver.get("name").asString()).isEqualTo("pci-segment");
        assertThat(driver.get("version").asString()).isEqualTo(Version.get());
        List<String> ruleIds = driver.get("rules")
                .valueStream()
                .map(r -> r.get("id").asString())
                .toList();
        assertThat(ruleIds)
                .containsExactlyElementsOf(
                        PciRules.infos().stream().map(RuleInfo::id).toList());
        for (JsonNode rule : driver.get("rules")) {
            assertThat(rule.get("shortDescription").get("text").asString()).isNotBlank();
            assertThat(rule.get("defaultConfiguration").get("level").asString()).isIn("error", "warning", "note");
            assertThat(rule.get("properties").get("pciDssRequirement").asString())
                    .matches("\\d+(\\.\\d+)*");
        }

        JsonNode results = root.get("runs").get(0).get("results");
        JsonNode summary = Json.MAPPER
                .readTree(Cli.run(withFormat(SEVERAL_EXAMPLES, "json")).out())
                .get("summary");
        assertThat(results.size())
                .as("one result per finding")
                .isEqualTo(
                        summary.get("errors").asInt() + summary.get("warnings").asInt());
        for (JsonNode result : results) {
            String ruleId = result.get("ruleId").asString();
            assertThat(ruleIds.get(result.get("ruleIndex").asInt())).isEqualTo(ruleId);
            assertThat(result.get("level").asString()).isIn("error", "warning");
            assertThat(result.get("message").get("text").asString()).isNotBlank();
            JsonNode location = result.get("locations").get(0).get("physicalLocation");
            assertThat(location.get("artifactLocation").get("uri").asString())
                    .matches("\\.\\./examples/findings/(schema-mistakes|cde-services|cde-inbound)\\.yaml");
            JsonNode region = location.get("region");
            assertThat(region.get("startLine").asInt()).isPositive();
            assertThat(region.get("startColumn").asInt()).isPositive();
        }
    }

    @Test
    void outputGoesToTheFileGivenWithO() throws IOException {
        Path report = dir.resolve("out dir").resolve("report.sarif");
        Files.createDirectories(report.getParent());
        Cli toFile = Cli.run("validate", "-f", INVALID, "--format", "sarif", "-o", report.toString());
        assertThat(toFile.exitCode()).isEqualTo(ExitCode.FINDINGS);
        assertThat(toFile.out()).isEmpty();
        assertThat(toFile.err()).isEmpty();
        assertThat(Files.readString(report))
                .isEqualTo(
                        Cli.run("validate", "-f", INVALID, "--format", "sarif").out());

        Path text = dir.resolve("report.txt");
        assertThat(Cli.run("validate", "-f", ISOLATION, "--output", text.toString())
                        .exitCode())
                .isZero();
        assertThat(Files.readString(text)).startsWith("[POLICY] cde-isolation\n");
    }

    @Test
    void theMaximumPortRangeIsAFlag() {
        String services = "../examples/findings/cde-services.yaml";
        assertThat(Cli.run("validate", "-f", services, "-v").out()).contains("PCI-CDE-PORT-RANGE-WIDE");
        assertThat(Cli.run("validate", "-f", services, "-v", "--max-port-range", "1000")
                        .out())
                .doesNotContain("PCI-CDE-PORT-RANGE-WIDE");
        assertThat(Cli.run("validate", "-f", services, "-v", "--max-port-range", "999")
                        .out())
                .contains("(1000 ports, limit 999)");
    }

    @Test
    void filesDirectoriesAndGlobsCanBeMixedAndRepeated() {
        Cli run = Cli.run(
                "validate", "-f", ISOLATION, "--file", POLICIES + "/cde-d*.yaml", "-f", POLICIES, "--format", "json");
        JsonNode root = Json.MAPPER.readTree(run.out());
        assertThat(root.get("policies").valueStream().map(p -> p.get("name").asString()))
                .containsExactly("cde-isolation", "cde-database-access", "cde-payment-api", "bad-cde-policy");
    }
}
