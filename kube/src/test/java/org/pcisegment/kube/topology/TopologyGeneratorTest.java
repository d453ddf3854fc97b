package org.pcisegment.kube.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcisegment.core.pci.Finding;
import org.pcisegment.core.source.InputException;
import org.pcisegment.kube.yaml.KubeYaml;

class TopologyGeneratorTest {
    private static final String STACK = """
            apiVersion: pci-segment/v1
            kind: StackTopology
            metadata: {name: mini}
            spec:
              clusterNetworks: [10.0.0.0/8]
              components:
                - {name: web, type: nginx, namespace: front, ports: [443]}
                - {name: api, type: backend, namespace: pay, ports: [8443], cde: true}
                - {name: agent, type: stack_agent, namespace: ops, ports: [9000]}
              links:
                - {from: web, to: api}
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void refusesAllowAllAndPortlessExceptionsWithFindings() throws Exception {
        Path stack = write("stack.yaml", STACK);
        Path exceptions = write("exc.yaml", """
                apiVersion: pci-segment/v1
                kind: PciExceptions
                spec:
                  componentExceptions:
                    - {type: stack_agent, direction: Egress, to: {allNamespaces: true}, allow_all: true}
                  internetExceptions:
                    - {type: nginx, directions: [Ingress], reason: public site}
                """);
        PciExceptions parsed = TopologyParser.exceptions(exceptions);
        TopologyResult result = TopologyGenerator.generate(TopologyParser.stack(stack), parsed);

        assertThat(result.findings())
                .extracting(Finding::ruleId, Finding::requirement, Finding::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "TOPO-EXCEPTION-ALLOW-ALL",
                                "1.2.5",
                                "component exception for type 'stack_agent' refused: allow_all would open every port;"
                                        + " PCI strict mode allows explicit ports only"),
                        org.assertj.core.groups.Tuple.tuple(
                                "TOPO-EXCEPTION-ALLOW-ALL",
                                "1.2.5",
                                "internet exception for type 'nginx' refused: no ports listed, which would open every"
                                        + " port; list the ports explicitly"));
        assertThat(result.findings())
                .allSatisfy(f -> assertThat(f.span().line()).isPositive());
        assertThat(result.policies())
                .extracting(p -> p.policy().getMetadata().getName())
                .noneMatch(n -> n.startsWith("exception-") || n.startsWith("internet-"));
    }

    @Test
    void everyPolicyListsItsPolicyTypesAndReadsBackThroughTheTypedModel() throws Exception {
        TopologyResult result =
                TopologyGenerator.generate(TopologyParser.stack(write("stack.yaml", STACK)), PciExceptions.defaults());
        assertThat(result.policies()).hasSize(3 * 5 + 2);
        for (TopologyPolicy policy : result.policies()) {
            NetworkPolicy generated = policy.policy();
            assertThat(generated.getSpec().getPolicyTypes()).isNotEmpty();
            String yaml = KubeYaml.write(generated);
            assertThat(KubeYaml.read(yaml, NetworkPolicy.class)).isEqualTo(generated);
            if (!generated.getSpec().getPolicyTypes().contains("Egress")) {
                assertThat(yaml).doesNotContain("egress:");
            }
            if (!generated.getSpec().getPolicyTypes().contains("Ingress")) {
                assertThat(yaml).doesNotContain("ingress:");
            }
        }
    }

    @Test
    void linksMustNameComponentsAndTheirPorts() throws Exception {
        Path unknown = write("a.yaml", STACK.replace("{from: web, to: api}", "{from: web, to: ap}"));
        assertThatThrownBy(() -> TopologyGenerator.generate(TopologyParser.stack(unknown), PciExceptions.defaults()))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("link to unknown component 'ap'");
        Path wrongPort = write("b.yaml", STACK.replace("{from: web, to: api}", "{from: web, to: api, ports: [80]}"));
        assertThatThrownBy(() -> TopologyGenerator.generate(TopologyParser.stack(wrongPort), PciExceptions.defaults()))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("uses port 80/TCP, which api does not serve");
    }

    @Test
    void componentsNeedExplicitPorts() throws Exception {
        Path stack = write("c.yaml", STACK.replace(", ports: [9000]", ""));
        assertThatThrownBy(() -> TopologyParser.stack(stack))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("component 'agent' lists no ports")
                .satisfies(e -> assertThat(((InputException) e).span().line()).isEqualTo(9));
        assertThat(List.of(TopologyParser.stack(
                                stack,
                                java.util.Map.of(
                                        "stack_agent",
                                        List.of(new ComponentPort(9000, org.pcisegment.core.net.Protocol.TCP))))
                        .component("agent")
                        .orElseThrow()
                        .ports()))
                .containsExactly(List.of(new ComponentPort(9000, org.pcisegment.core.net.Protocol.TCP)));
    }
}
