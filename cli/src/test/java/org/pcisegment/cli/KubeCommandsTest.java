package org.pcisegment.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcisegment.core.json.Json;
import tools.jackson.databind.JsonNode;

class KubeCommandsTest {
    private static final String CDE_APP = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: pay, labels: {pci-env: cde}}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: default-deny, namespace: pay}
            spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api, namespace: pay}
            spec:
              template:
                metadata: {labels: {app: api}}
                spec:
                  nodeSelector: {pci-env: cde}
                  containers: [{name: api, ports: [{containerPort: 8443}]}]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web}]}
            """;

    private static final String OPEN_API = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: api-from-shop, namespace: pay}
            spec:
              podSelector: {matchLabels: {app: api}}
              ingress:
              - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: shop}}}]
                ports: [{port: 8443}]
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void checkPassesACompliantClusterWithExitZero() throws Exception {
        Path app = write("app.yaml", CDE_APP);
        CliRun run = CliRun.of("kube", "check", "-f", app.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("[OK] CDE pods are placed and exposed as PCI-DSS requires");
    }

    @Test
    void checkReportsPlacementFindingsWithRequirementAndExitOne() throws Exception {
        Path app = write("app.yaml", CDE_APP.replace("nodeSelector: {pci-env: cde}", "hostNetwork: true"));
        CliRun run = CliRun.of("kube", "check", "-f", app.toString(), "-v");
        assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
        assertThat(run.out())
                .contains("CDE workload pay/api[Deployment] may be scheduled on any node")
                .contains("[KUBE-CDE-POD-ON-SHARED-NODE, Req 2.2.3]")
                .contains("[KUBE-CDE-HOST-NETWORK, Req 1.3.1]")
                .contains("fix: ")
                .contains("app.yaml:10:1");

        CliRun json = CliRun.of("kube", "check", "-f", app.toString(), "--format", "json");
        JsonNode report = Json.MAPPER.readTree(json.out());
        assertThat(report.get("compliant").asBoolean()).isFalse();
        assertThat(report.get("findings").findValuesAsString("ruleId"))
                .containsExactlyInAnyOrder("KUBE-CDE-POD-ON-SHARED-NODE", "KUBE-CDE-HOST-NETWORK");
    }

    @Test
    void checkRejectsABadTaintFlag() throws Exception {
        Path app = write("app.yaml", CDE_APP);
        CliRun run = CliRun.of("kube", "check", "-f", app.toString(), "--cde-taint", "pci=cde:PreferNoSchedule");
        assertThat(run.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(run.err()).contains("must be NoSchedule or NoExecute");
    }

    @Test
    void diffExitsOneWhenTheNewVersionOpensTheCde() throws Exception {
        write("old/app.yaml", CDE_APP);
        write("new/app.yaml", CDE_APP);
        write("new/open.yaml", OPEN_API);
        CliRun run = CliRun.of(
                "kube",
                "diff",
                "--old",
                dir.resolve("old").toString(),
                "--new",
                dir.resolve("new").toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.FINDINGS);
        assertThat(run.out().lines().toList())
                .containsExactly(
                        "Connectivity diff:",
                        "diff-type: added, source: shop/web[Deployment], destination: pay/api[Deployment], ref1: No"
                                + " Connections, ref2: TCP 8443");
        assertThat(run.err()).contains("open access into the CDE");

        CliRun back = CliRun.of(
                "kube",
                "diff",
                "--old",
                dir.resolve("new").toString(),
                "--new",
                dir.resolve("old").toString());
        assertThat(back.exitCode()).as("removing access is no finding").isZero();
        assertThat(back.out()).contains("diff-type: removed");

        CliRun same = CliRun.of(
                "kube",
                "diff",
                "--old",
                dir.resolve("old").toString(),
                "--new",
                dir.resolve("old").toString());
        assertThat(same.exitCode()).isZero();
        assertThat(same.out()).isEmpty();
        assertThat(same.err()).contains("no connectivity differences");
    }

    @Test
    void analyzeWritesEveryFormatAndFocusesOnAWorkload() throws Exception {
        Path app = write("app.yaml", CDE_APP + "---\n" + OPEN_API);
        for (String format : new String[] {"txt", "json", "csv", "md", "dot", "mermaid"}) {
            CliRun run = CliRun.of("kube", "analyze", "-f", app.toString(), "--format", format);
            assertThat(run.exitCode()).as(format + ": " + run.err()).isZero();
            assertThat(run.out()).as(format).contains("web").contains("api");
        }
        CliRun focused = CliRun.of("kube", "analyze", "-f", app.toString(), "--focus-workload", "pay/api");
        assertThat(focused.out().lines().toList())
                .containsExactly("shop/web[Deployment] => pay/api[Deployment] : TCP 8443");

        Path out = dir.resolve("report.md");
        CliRun toFile = CliRun.of("kube", "analyze", "-f", app.toString(), "--format", "md", "-o", out.toString());
        assertThat(toFile.out()).isEmpty();
        assertThat(Files.readString(out)).startsWith("| src | dst | conn | CDE |");
    }

    @Test
    void unknownFocusWorkloadIsAnInputErrorWithASuggestion() throws Exception {
        Path app = write("app.yaml", CDE_APP);
        CliRun run = CliRun.of("kube", "analyze", "-f", app.toString(), "--focus-workload", "pay/apii");
        assertThat(run.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(run.err()).contains("no workload 'pay/apii'").contains("did you mean 'pay/api'");
    }

    @Test
    void topologyWritesTheExampleStackAndRefusesAllowAll() throws Exception {
        Path examples = org.pcisegment.kube.testing.OracleData.repositoryRoot().resolve("examples/kube");
        Path out = dir.resolve("out");
        CliRun run = CliRun.of(
                "kube",
                "topology",
                "-f",
                examples.resolve("stack.yaml").toString(),
                "--exceptions",
                examples.resolve("pci-exceptions.yaml").toString(),
                "-o",
                out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Stack payments: 8 components in 6 namespaces, 4 links");
        assertThat(out.resolve("networkpolicy-manifest.yaml")).isRegularFile();
        assertThat(out.resolve("network-diagram.md")).content().contains("```mermaid");

        CliRun analysis = CliRun.of("kube", "analyze", "-f", out.toString());
        assertThat(analysis.exitCode())
                .as("the output is valid input for kube analyze")
                .isZero();

        Path exceptions = write("exc.yaml", """
                apiVersion: pci-segment/v1
                kind: PciExceptions
                spec:
                  wellKnownPorts: {prometheus: [9090], grafana: [3000]}
                  componentExceptions:
                    - {type: backend, direction: Egress, to: {allNamespaces: true}, allow_all: true}
                """);
        CliRun refused = CliRun.of(
                "kube",
                "topology",
                "-f",
                examples.resolve("stack.yaml").toString(),
                "--exceptions",
                exceptions.toString(),
                "-o",
                dir.resolve("out2").toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCode.FINDINGS);
        assertThat(refused.out())
                .contains("refused: allow_all would open every port")
                .contains("exc.yaml:6:");
    }
}
