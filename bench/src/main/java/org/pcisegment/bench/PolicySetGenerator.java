package org.pcisegment.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.pcisegment.core.load.PolicySet;
import org.pcisegment.core.load.PolicySetLoader;
import org.pcisegment.core.source.SourceFile;
import org.pcisegment.core.source.YamlLoader;

/**
 * Writes a synthetic, valid policy set and its inventory for benchmarks: {@code policies} CDE and
 * non-CDE policies with {@code peers} ipBlock and podSelector peers in all, over {@code
 * workloads} inventory workloads. Deterministic for a given seed.
 */
public final class PolicySetGenerator {
    private PolicySetGenerator() {}

    /** Inventory YAML with {@code workloads} hosts, one in ten labelled CDE. */
    public static String inventory(int workloads) {
        StringBuilder out = new StringBuilder(workloads * 120);
        out.append("apiVersion: pci-segment/v1\nkind: Inventory\nmetadata:\n  name: bench\nspec:\n  workloads:\n");
        for (int i = 0; i < workloads; i++) {
            out.append("    - name: w").append(i).append('\n');
            out.append("      addresses: [").append(workloadAddress(i)).append("]\n");
            boolean cde = i % 10 == 0;
            out.append("      labels: {app: ")
                    .append(cde ? "cde-a" : "a")
                    .append(i % 97)
                    .append(", tier: t")
                    .append(i % 7);
            if (cde) {
                out.append(", pci-env: cde");
            }
            out.append("}\n");
        }
        return out.toString();
    }

    static String workloadAddress(int i) {
        return "10." + (i >> 16 & 0xFF) + "." + (i >> 8 & 0xFF) + "." + (i & 0xFF);
    }

    /** A multi-document YAML stream of {@code policies} policies with {@code peers} peers in all. */
    public static String policies(int policies, int peers, long seed) {
        Random random = new Random(seed);
        int peersPerPolicy = Math.max(1, peers / Math.max(1, policies));
        StringBuilder out = new StringBuilder(policies * (300 + 60 * peersPerPolicy));
        for (int p = 0; p < policies; p++) {
            boolean cde = p % 10 == 0;
            out.append("---\napiVersion: pci-segment/v1\nkind: NetworkPolicy\nmetadata:\n  name: policy-")
                    .append(p)
                    .append("\n  annotations:\n    pci-dss: \"Req 1.3.1, Req 1.3.2\"\n")
                    .append("    description: \"generated policy ")
                    .append(p)
                    .append("\"\nspec:\n  podSelector:\n    matchLabels:\n");
            if (cde) {
                out.append("      pci-env: cde\n");
            }
            out.append("      app: ").append(cde ? "cde-a" : "a").append(p % 97).append('\n');
            out.append("  policyTypes: [Ingress, Egress]\n  ingress:\n    - from:\n");
            for (int i = 0; i < peersPerPolicy; i++) {
                if (i % 4 == 3) {
                    out.append("        - podSelector:\n            matchLabels: {tier: t")
                            .append(random.nextInt(7))
                            .append("}\n");
                } else {
                    out.append("        - ipBlock:\n            cidr: 10.")
                            .append(random.nextInt(256))
                            .append('.')
                            .append(random.nextInt(256))
                            .append(".0/24\n");
                }
            }
            int port = 1024 + random.nextInt(60000);
            out.append("      ports:\n        - protocol: TCP\n          port: ")
                    .append(port)
                    .append("\n  egress:\n    - to:\n        - ipBlock:\n            cidr: 10.")
                    .append(random.nextInt(256))
                    .append(".0.0/16\n      ports:\n        - protocol: TCP\n          port: 443\n");
        }
        return out.toString();
    }

    /** Parses generated text in memory, as the loader would read the files. */
    public static PolicySet parse(String policyText, String inventoryText) {
        SourceFile policies =
                new SourceFile("policies.yaml", policyText, YamlLoader.parse("policies.yaml", policyText));
        SourceFile inventory =
                new SourceFile("inventory.yaml", inventoryText, YamlLoader.parse("inventory.yaml", inventoryText));
        return PolicySetLoader.fromSources(List.of(policies), List.of(inventory));
    }

    /**
     * Writes {@code policies.yaml} and {@code inventory.yaml} into a directory. Arguments: directory,
     * policies, peers, workloads.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: PolicySetGenerator DIR POLICIES PEERS WORKLOADS");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("policies.yaml"),
                policies(Integer.parseInt(args[1]), Integer.parseInt(args[2]), 42),
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("inventory.yaml"), inventory(Integer.parseInt(args[3])), StandardCharsets.UTF_8);
    }
}
