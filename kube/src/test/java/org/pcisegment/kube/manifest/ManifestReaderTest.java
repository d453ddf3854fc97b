package org.pcisegment.kube.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pcisegment.core.source.InputException;
import org.pcisegment.kube.analysis.ConnectivityAnalyzer;

class ManifestReaderTest {
    @TempDir
    Path dir;

    private Cluster read(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return ManifestReader.read(List.of(file.toString()));
    }

    private InputException rejected(String text) {
        Path file = dir.resolve("bad.yaml");
        try {
            Files.writeString(file, text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return (InputException)
                org.assertj.core.api.Assertions.catchThrowable(() -> ManifestReader.read(List.of(file.toString())));
    }

    @Test
    void skipsKindsWithoutEffectWithANote() throws Exception {
        Cluster cluster = read("m.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c}
                ---
                # only a comment
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: s}
                """);
        assertThat(cluster.notes())
                .extracting(n -> n.message())
                .containsExactly(
                        "kind ConfigMap does not affect connectivity; skipped",
                        "kind Secret does not affect connectivity; skipped");
        assertThat(cluster.notes().getFirst().span().line()).isEqualTo(1);
    }

    @Test
    void readsJsonWithTabsAndTypedLists() throws Exception {
        Cluster cluster = read(
                "pods.json",
                "{\n\t\"kind\": \"PodList\",\n\t\"apiVersion\": \"v1\",\n\t\"items\": [\n\t\t{\"metadata\":"
                        + " {\"name\": \"a\", \"namespace\": \"x\", \"labels\": {\"app\": \"a\"}}}\n\t]\n}\n");
        assertThat(cluster.workloads()).extracting(w -> w.id().display()).containsExactly("x/a[Pod]");
        assertThat(cluster.namespaces()).containsKey("x");
        assertThat(cluster.namespace("x").labels()).containsEntry("kubernetes.io/metadata.name", "x");
    }

    @Test
    void emptyFileIsSkippedNotAnError() throws Exception {
        Cluster cluster = read("empty.yaml", "# nothing here\n");
        assertThat(cluster.workloads()).isEmpty();
        assertThat(ConnectivityAnalyzer.analyze(cluster).lines()).isEmpty();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "spec: {podSelector: {}, ingres: []}|unknown field 'ingres' in NetworkPolicy spec (did you mean 'ingress'?)",
                "spec: {podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8, except: [11.0.0.0/16]}}]}]}"
                        + "|ipBlock except '11.0.0.0/16' must be a strict subset of cidr '10.0.0.0/8'",
                "spec: {podSelector: {}, ingress: [{ports: [{port: 0}]}]}|port 0 is outside 1-65535",
                "spec: {podSelector: {}, ingress: [{ports: [{port: http, endPort: 90}]}]}|endPort may only follow a numeric port",
                "spec: {podSelector: {}, ingress: [{ports: [{port: '80'}]}]}|neither a number 1-65535 nor a valid port name",
                "spec: {podSelector: {}, ingress: [{ports: [{protocol: tcp}]}]}|protocol 'tcp'",
                "spec: {podSelector: {}, policyTypes: [ingress]}|policyTypes entry 'ingress' is not Ingress or Egress",
                "spec: {podSelector: {}, egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}]}]}"
                        + "|may not also have podSelector",
            })
    void rejectsWhatTheApiServerRejects(String spec, String message) {
        InputException error =
                rejected("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\n" + spec + "\n");
        assertThat(error).isNotNull().hasMessageContaining(message);
        assertThat(error.span().line()).isPositive();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "ingress: [{action: Allow, source: {serviceAccounts: {names: [a]}}}]|serviceAccounts: rules matching service accounts",
                "ingress: [{action: Allow, protocol: TCP, source: {ports: [80]}}]|source ports",
                "ingress: [{action: Allow, http: {methods: [GET]}}]|http: HTTP match criteria",
                "ingress: [{action: Allow, destination: {ports: [80]}}]|need a protocol",
                "ingress: [{action: Accept}]|action 'Accept' is not Allow, Deny, Pass or Log",
                "ingress: [{action: Allow, source: {selector: \"app = 'x'\"}}]|invalid Calico selector",
                "ingress: [{action: Allow, protocol: TCP, destination: {ports: ['2000:1000']}}]|ends before it starts",
                "doNotTrack: true|host endpoints",
            })
    void refusesCalicoRulesItCannotAnalyseExactly(String spec, String message) {
        InputException error = rejected("apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\n"
                + "metadata: {name: p}\nspec:\n  selector: all()\n  " + spec + "\n");
        assertThat(error).isNotNull().hasMessageContaining(message);
        assertThat(error.span().line()).isPositive();
    }

    @Test
    void duplicateControllersAreRefused() {
        String deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n"
                + "spec: {template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c}]}}}\n";
        assertThatThrownBy(() -> ManifestReader.read(List.of(write("a.yaml", deployment), write("b.yaml", deployment))))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("duplicate Deployment 'default/d'")
                .hasMessageContaining("a.yaml:1:1");
    }

    private String write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file.toString();
    }
}
