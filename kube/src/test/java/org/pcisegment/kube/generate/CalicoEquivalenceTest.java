package org.pcisegment.kube.generate;

import static org.assertj.core.api.Assertions.assertThat;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.pcisegment.core.analysis.ReachabilityAnalyzer;
import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.ir.PolicyCompiler;
import org.pcisegment.core.ir.RuleSet;
import org.pcisegment.core.load.PolicySet;
import org.pcisegment.core.testing.TestPolicySets;
import org.pcisegment.kube.analysis.Connection;
import org.pcisegment.kube.analysis.Connectivity;

/**
 * kube analyze of the generated Calico policies gives pci-segment's connectivity, less exactly what
 * the CDE isolation policy adds (seed 003): traffic between a CDE and a non-CDE workload in a
 * direction the source leaves open on the CDE side.
 */
class CalicoEquivalenceTest extends GeneratedPoliciesEquivalence {
    @Override
    GenerateResult.Target target() {
        return GenerateResult.Target.calico;
    }

    @Override
    boolean deniedOnPurpose(String line, RuleSet ruleSet) {
        return isolated(line, ruleSet);
    }

    /** Whether the CDE isolation denies this pod-to-pod line: CDE on one end only, open on the CDE side. */
    private static boolean isolated(String line, RuleSet ruleSet) {
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

    private static @Nullable Workload workload(String peer, RuleSet ruleSet) {
        if (!peer.startsWith(NAMESPACE + "/")) {
            return null;
        }
        String name = peer.substring(NAMESPACE.length() + 1, peer.indexOf('['));
        return ruleSet.inventory().byName(name).orElseThrow();
    }

    /**
     * A CDE workload whose ingress no policy restricts: pci-segment lets every workload in, the
     * generated Calico policies let only CDE workloads in (seed 003), and its own restricted egress
     * is left to its policy (the isolation policy never sees it). A CDE workload open in both
     * directions reaches CDE pods and DNS on kube-dns (port 53 only), no other non-CDE pod.
     */
    @Test
    void isolationClosesOpenCdeDirectionsToNonCdeWorkloadsOnly() throws Exception {
        PolicySet policySet = TestPolicySets.of(
                """
                apiVersion: pci-segment/v1
                kind: NetworkPolicy
                metadata:
                  name: vault-egress
                spec:
                  podSelector:
                    matchLabels: {app: vault}
                  egress:
                    - to:
                        - podSelector:
                            matchLabels: {app: web}
                      ports:
                        - {protocol: TCP, port: 8080}
                """,
                TestPolicySets.inventory(
                        "vault 10.0.1.1 pci-env=cde,app=vault",
                        "api 10.0.1.2 pci-env=cde,app=api",
                        "web 10.0.2.1 app=web"));
        RuleSet ruleSet = PolicyCompiler.compile(policySet);
        Connectivity generated = generateAndAnalyze(ruleSet, "isolation", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: coredns
                  namespace: kube-system
                  labels: {k8s-app: kube-dns}
                spec:
                  containers: [{name: coredns}]
                """);
        assertThat(Equivalence.expected(ReachabilityAnalyzer.analyze(ruleSet), generated, NAMESPACE))
                .contains("pci/web[Pod] => pci/vault[Pod] : All Connections");
        assertThat(generated.connections().stream().map(Connection::line))
                .contains("pci/api[Pod] => pci/vault[Pod] : All Connections")
                .contains("pci/vault[Pod] => pci/web[Pod] : TCP 8080")
                .noneMatch(line -> line.startsWith("pci/web[Pod] => pci/vault[Pod]"))
                .contains("pci/api[Pod] => kube-system/coredns[Pod] : TCP 53,UDP 53")
                .contains("pci/web[Pod] => kube-system/coredns[Pod] : All Connections")
                .noneMatch(line -> line.startsWith("pci/api[Pod] => pci/web[Pod]"));
    }
}
