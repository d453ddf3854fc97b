package org.pcisegment.kube.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.kube.analysis.ConnectivityAnalyzer;
import org.pcisegment.kube.manifest.ManifestReader;
import org.pcisegment.kube.testing.LineDiff;
import org.pcisegment.kube.testing.OracleData;

/**
 * The shipped example stack: {@code kube analyze} of the generated policies, run over one pod per
 * component plus a DNS pod and a stranger, allows exactly what the stack's links and exceptions
 * say, and nothing else. The expectation is computed here from the stack and exceptions, by their
 * documented meaning, not from the generated policies.
 */
class ExampleStackTest {
    /** Outside blocks as destinations, cut by hand at the example's cluster networks and API address. */
    private static final List<String> DESTINATION_INTERNET = List.of(
            "0.0.0.0-10.95.255.255",
            "10.112.0.0-10.243.255.255",
            "10.245.0.0-172.18.0.1",
            "172.18.0.3-255.255.255.255");

    private static final String API_SERVER = "172.18.0.2-172.18.0.2";

    /** Outside blocks as sources: the internet ingress allowlist is 0.0.0.0/0 less the cluster networks. */
    private static final List<String> SOURCE_INTERNET =
            List.of("0.0.0.0-10.95.255.255", "10.112.0.0-10.243.255.255", "10.245.0.0-255.255.255.255");

    @TempDir
    Path out;

    @Test
    void generatedPoliciesAllowExactlyTheLinksAndExceptions() throws Exception {
        Path examples = OracleData.repositoryRoot().resolve("examples/kube");
        PciExceptions exceptions = TopologyParser.exceptions(examples.resolve("pci-exceptions.yaml"));
        StackTopology stack = TopologyParser.stack(examples.resolve("stack.yaml"), exceptions.wellKnownPorts());
        TopologyResult result = TopologyGenerator.generate(stack, exceptions);
        assertThat(result.findings()).isEmpty();
        Path policies = out.resolve("policies");
        TopologyWriter.write(result, policies);
        Path workloads = Files.writeString(out.resolve("workloads.yaml"), workloads(stack));

        List<String> actual =
                ConnectivityAnalyzer.analyze(ManifestReader.read(List.of(policies.toString(), workloads.toString())))
                        .lines()
                        .stream()
                        .filter(line -> stack.components().stream().anyMatch(c -> line.contains(display(c))))
                        .toList();

        assertThat(actual).as("a real picture, not an empty one").hasSizeGreaterThan(30);
        LineDiff.assertSameLineSet("example stack", expected(stack), actual);
    }

    /** What the stack means, pair by pair (ports as "TCP 80" sets per protocol). */
    private static List<String> expected(StackTopology stack) {
        Map<String, Set<String>> allowed = new TreeMap<>();
        for (Component a : stack.components()) {
            for (Component b : stack.components()) {
                if (a == b) {
                    continue;
                }
                if (a.namespace().equals(b.namespace())) {
                    stack.components().stream()
                            .filter(c -> c.namespace().equals(a.namespace()))
                            .flatMap(c -> c.ports().stream())
                            .forEach(p -> allow(allowed, display(a), display(b), p.protocol(), p.port()));
                }
            }
            allow(allowed, display(a), "kube-system/coredns[Deployment]", Protocol.UDP, 53);
            allow(allowed, display(a), "kube-system/coredns[Deployment]", Protocol.TCP, 53);
            allow(allowed, display(a), API_SERVER + "[External]", Protocol.TCP, 443);
        }
        component(stack, "gateway", "app", 8443, allowed);
        component(stack, "app", "cache", 6379, allowed);
        component(stack, "app", "database", 5432, allowed);
        component(stack, "prometheus", "app", 9102, allowed);
        component(stack, "grafana", "prometheus", 9090, allowed);
        for (int port : new int[] {443, 9402, 10250}) {
            allow(
                    allowed,
                    "kube-system/coredns[Deployment]",
                    "cert-manager/cert-manager[Deployment]",
                    Protocol.TCP,
                    port);
        }
        Map<String, int[]> internetEgress = Map.of(
                "gateway", new int[] {80, 443, 9443}, "argocd", new int[] {443}, "cert-manager", new int[] {443});
        internetEgress.forEach((name, ports) -> {
            for (int port : ports) {
                for (String block : DESTINATION_INTERNET) {
                    allow(allowed, display(stack, name), block + "[External]", Protocol.TCP, port);
                }
                allow(allowed, display(stack, name), API_SERVER + "[External]", Protocol.TCP, port);
            }
        });
        for (int port : new int[] {80, 443, 9443}) {
            for (String block : SOURCE_INTERNET) {
                allow(allowed, block + "[External]", display(stack, "gateway"), Protocol.TCP, port);
            }
        }
        List<String> lines = new ArrayList<>();
        allowed.forEach((pair, ports) -> lines.add(pair + " : " + connections(ports)));
        return lines;
    }

    private static void component(
            StackTopology stack, String from, String to, int port, Map<String, Set<String>> allowed) {
        if (!from.equals(to)) {
            allow(allowed, display(stack, from), display(stack, to), Protocol.TCP, port);
        }
    }

    private static void allow(Map<String, Set<String>> allowed, String from, String to, Protocol protocol, int port) {
        allowed.computeIfAbsent(from + " => " + to, k -> new TreeSet<>()).add(protocol + " " + port);
    }

    /** "TCP 443,8443,UDP 53": protocols in the connlist order, ports ascending (none adjacent here). */
    private static String connections(Set<String> ports) {
        List<String> groups = new ArrayList<>();
        for (Protocol protocol : Protocol.values()) {
            String numbers = ports.stream()
                    .filter(p -> p.startsWith(protocol + " "))
                    .map(p -> Integer.parseInt(p.substring(protocol.name().length() + 1)))
                    .sorted()
                    .map(String::valueOf)
                    .collect(Collectors.joining(","));
            if (!numbers.isEmpty()) {
                groups.add(protocol + " " + numbers);
            }
        }
        return String.join(",", groups);
    }

    private static String display(Component component) {
        return component.namespace() + "/" + component.name() + "[Deployment]";
    }

    private static String display(StackTopology stack, String name) {
        return display(stack.component(name).orElseThrow());
    }

    /** One Deployment per component with its labels and ports, kube-dns, and a stranger elsewhere. */
    private static String workloads(StackTopology stack) {
        StringBuilder yaml = new StringBuilder();
        for (Component component : stack.components()) {
            yaml.append(deployment(
                    component.namespace(),
                    component.name(),
                    component.labels(),
                    component.ports().stream().map(ComponentPort::port).toList()));
        }
        yaml.append(deployment("kube-system", "coredns", Map.of("k8s-app", "kube-dns"), List.of(53)));
        yaml.append(deployment("other", "stranger", Map.of("app", "stranger"), List.of(8443)));
        return yaml.toString();
    }

    private static String deployment(String namespace, String name, Map<String, String> labels, List<Integer> ports) {
        Set<String> labelText = new LinkedHashSet<>();
        labels.forEach((k, v) -> labelText.add(k + ": " + v));
        return "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: " + name + ", namespace: " + namespace
                + "}\nspec:\n  template:\n    metadata: {labels: {" + String.join(", ", labelText) + "}}\n"
                + "    spec: {containers: [{name: c, ports: ["
                + ports.stream().map(p -> "{containerPort: " + p + "}").collect(Collectors.joining(", "))
                + "]}]}\n";
    }
}
