package org.pcisegment.bench;

import java.time.Instant;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.ir.PolicyCompiler;
import org.pcisegment.core.ir.RuleSet;
import org.pcisegment.core.load.PolicySet;
import org.pcisegment.core.load.PolicySetLoader;
import org.pcisegment.core.source.SourceFile;
import org.pcisegment.core.source.YamlLoader;
import org.pcisegment.enforce.DesiredState;
import org.pcisegment.enforce.ManagementAccess;

/**
 * The desired state of one host, "target", restricted on ingress by exactly {@code rules}
 * compiled rules, for the enforcement benchmarks: rule i admits TCP from {@code peer(i)} to
 * {@code port(i)}, written as policies of 1000 ingress rules each (each rule its own policy
 * line, so none is merged with another). With zero rules no policy selects the target, so it is
 * not restricted at all.
 */
final class BenchPolicies {
    private BenchPolicies() {}

    private static final int RULES_PER_POLICY = 1000;

    static DesiredState desired(
            int rules, IntFunction<String> peer, IntUnaryOperator port, String targetAddress, Instant at) {
        StringBuilder policies = new StringBuilder(rules * 80 + 400);
        for (int p = 0; p * RULES_PER_POLICY < rules; p++) {
            policies.append("---\napiVersion: pci-segment/v1\nkind: NetworkPolicy\nmetadata:\n  name: bench-")
                    .append(p)
                    .append("\n  annotations: {pci-dss: \"Req 1.3.1\"}\nspec:\n  podSelector:\n")
                    .append("    matchLabels: {role: target}\n  policyTypes: [Ingress]\n  ingress:\n");
            for (int i = p * RULES_PER_POLICY; i < Math.min(rules, (p + 1) * RULES_PER_POLICY); i++) {
                policies.append("    - from: [{ipBlock: {cidr: ")
                        .append(peer.apply(i))
                        .append("}}]\n      ports: [{protocol: TCP, port: ")
                        .append(port.applyAsInt(i))
                        .append("}]\n");
            }
        }
        if (rules == 0) {
            policies.append("---\napiVersion: pci-segment/v1\nkind: NetworkPolicy\nmetadata:\n  name: none\n")
                    .append("spec:\n  podSelector:\n    matchLabels: {role: nobody}\n  policyTypes: [Ingress]\n");
        }
        String inventory = "apiVersion: pci-segment/v1\nkind: Inventory\nmetadata:\n  name: bench\nspec:\n"
                + "  workloads:\n    - name: target\n      addresses: [" + targetAddress + "]\n"
                + "      labels: {role: target}\n";
        PolicySet set = PolicySetLoader.fromSources(
                List.of(new SourceFile(
                        "bench.yaml", policies.toString(), YamlLoader.parse("bench.yaml", policies.toString()))),
                List.of(new SourceFile("inventory.yaml", inventory, YamlLoader.parse("inventory.yaml", inventory))));
        RuleSet ruleSet = PolicyCompiler.compile(set);
        Workload target = set.inventory().byName("target").orElseThrow();
        int compiled = ruleSet.host(target).ingress().allows().size();
        if (compiled != rules) {
            throw new IllegalStateException("expected " + rules + " compiled rules, got " + compiled);
        }
        return DesiredState.of(ruleSet, target, ManagementAccess.none(), at, "bench");
    }

    /** The dotted IPv4 address of a 32-bit value. */
    static String ipv4(long address) {
        return (address >> 24 & 255) + "." + (address >> 16 & 255) + "." + (address >> 8 & 255) + "." + (address & 255);
    }
}
