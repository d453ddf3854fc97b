package org.pcisegment.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a synthetic cluster for {@code kube analyze} benchmarks, as {@code kubectl get -o yaml}
 * would list it: Namespaces (one in five labelled {@code pci-env: cde}), Deployments of ten
 * deployments per namespace, their running Pods (each with the controller ownerReference that
 * groups it under its Deployment) in {@code workloads.yaml}, and NetworkPolicies in {@code
 * policies.yaml}: a default deny per namespace, then policies selecting one deployment each with
 * ingress from pods of the namespace, from other namespaces by label, on named and numbered ports
 * and port ranges, and egress to other namespaces, to ipBlocks with exceptions and to DNS.
 * Deterministic for a given seed.
 */
public final class ClusterGenerator {
    private static final int DEPLOYMENTS_PER_NAMESPACE = 10;

    private ClusterGenerator() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            System.err.println("usage: ClusterGenerator DIR DEPLOYMENTS PODS-PER-DEPLOYMENT POLICIES [SEED]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int deployments = Integer.parseInt(args[1]);
        int replicas = Integer.parseInt(args[2]);
        int policies = Integer.parseInt(args[3]);
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 1;
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("workloads.yaml"), workloads(deployments, replicas), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("policies.yaml"), policies(deployments, policies, seed), StandardCharsets.UTF_8);
    }

    static int namespaces(int deployments) {
        return Math.max(1, (deployments + DEPLOYMENTS_PER_NAMESPACE - 1) / DEPLOYMENTS_PER_NAMESPACE);
    }

    private static String namespace(int deployment) {
        return "ns-" + deployment / DEPLOYMENTS_PER_NAMESPACE;
    }

    /** Namespaces, Deployments with {@code replicas} each, and their Pods. */
    public static String workloads(int deployments, int replicas) {
        StringBuilder out = new StringBuilder(deployments * replicas * 700);
        for (int n = 0; n < namespaces(deployments); n++) {
            out.append("---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns-")
                    .append(n)
                    .append("\n  labels:\n    kubernetes.io/metadata.name: ns-")
                    .append(n)
                    .append("\n    team: team-")
                    .append(n % 7)
                    .append('\n');
            if (n % 5 == 0) {
                out.append("    pci-env: cde\n");
            }
        }
        for (int d = 0; d < deployments; d++) {
            out.append("---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-")
                    .append(d)
                    .append("\n  namespace: ")
                    .append(namespace(d))
                    .append("\nspec:\n  replicas: ")
                    .append(replicas)
                    .append("\n  selector:\n    matchLabels:\n      app: app-")
                    .append(d)
                    .append("\n  template:\n    metadata:\n");
            labels(out, d, "      ");
            out.append("    spec:\n");
            containers(out, "      ");
        }
        for (int d = 0; d < deployments; d++) {
            for (int r = 0; r < replicas; r++) {
                out.append("---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: app-")
                        .append(d)
                        .append("-")
                        .append(Integer.toHexString(0x5f00000 + d * 31))
                        .append("-")
                        .append(r)
                        .append("\n  namespace: ")
                        .append(namespace(d))
                        .append('\n');
                labels(out, d, "  ");
                out.append("  ownerReferences:\n  - apiVersion: apps/v1\n    kind: Deployment\n    name: app-")
                        .append(d)
                        .append("\n    controller: true\nspec:\n  nodeName: node-")
                        .append((d * replicas + r) % 40)
                        .append('\n');
                containers(out, "  ");
            }
        }
        return out.toString();
    }

    private static void labels(StringBuilder out, int deployment, String indent) {
        out.append(indent)
                .append("labels:\n")
                .append(indent)
                .append("  app: app-")
                .append(deployment)
                .append('\n')
                .append(indent)
                .append("  tier: tier-")
                .append(deployment % 5)
                .append('\n');
    }

    private static void containers(StringBuilder out, String indent) {
        out.append(indent)
                .append("containers:\n")
                .append(indent)
                .append("- name: main\n")
                .append(indent)
                .append("  image: registry.example/app:1\n")
                .append(indent)
                .append("  ports:\n")
                .append(indent)
                .append("  - {name: http, containerPort: 8080, protocol: TCP}\n")
                .append(indent)
                .append("  - {name: metrics, containerPort: 9090, protocol: TCP}\n");
    }

    /** {@code policies} NetworkPolicies: a default deny per namespace first, then per-deployment allows. */
    public static String policies(int deployments, int policies, long seed) {
        Random random = new Random(seed);
        int namespaces = namespaces(deployments);
        StringBuilder out = new StringBuilder(policies * 900);
        for (int p = 0; p < policies; p++) {
            if (p < namespaces) {
                out.append("---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n")
                        .append("  name: default-deny\n  namespace: ns-")
                        .append(p)
                        .append("\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n");
                continue;
            }
            int subject = random.nextInt(deployments);
            int peer = random.nextInt(deployments);
            int block = random.nextInt(256);
            out.append("---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-")
                    .append(p)
                    .append("\n  namespace: ")
                    .append(namespace(subject))
                    .append("\nspec:\n  podSelector:\n    matchLabels:\n      app: app-")
                    .append(subject)
                    .append("\n  policyTypes: [Ingress, Egress]\n  ingress:\n")
                    .append("  - from:\n    - podSelector:\n        matchLabels:\n          tier: tier-")
                    .append(random.nextInt(5))
                    .append("\n    ports:\n    - {port: http}\n")
                    .append("  - from:\n    - namespaceSelector:\n        matchLabels:\n          team: team-")
                    .append(random.nextInt(7))
                    .append("\n      podSelector:\n        matchLabels:\n          app: app-")
                    .append(peer)
                    .append("\n    ports:\n    - {protocol: TCP, port: 8080, endPort: ")
                    .append(8080 + random.nextInt(20))
                    .append("}\n    - {protocol: TCP, port: metrics}\n")
                    .append("  - from:\n    - ipBlock:\n        cidr: 10.")
                    .append(block)
                    .append(".0.0/16\n        except: [10.")
                    .append(block)
                    .append(".0.0/24]\n    ports:\n    - {protocol: TCP, port: 443}\n")
                    .append("  egress:\n  - to:\n    - namespaceSelector:\n        matchLabels:\n")
                    .append("          kubernetes.io/metadata.name: ")
                    .append(namespace(peer))
                    .append("\n      podSelector:\n        matchLabels:\n          app: app-")
                    .append(peer)
                    .append("\n    ports:\n    - {protocol: TCP, port: http}\n")
                    .append("  - to:\n    - ipBlock:\n        cidr: ")
                    .append(random.nextInt(224))
                    .append(".")
                    .append(random.nextInt(256))
                    .append(".0.0/16\n    ports:\n    - {protocol: TCP, port: 443}\n")
                    .append("  - to:\n    - namespaceSelector:\n        matchLabels:\n")
                    .append("          kubernetes.io/metadata.name: kube-system\n    ports:\n")
                    .append("    - {protocol: UDP, port: 53}\n    - {protocol: TCP, port: 53}\n");
        }
        return out.toString();
    }
}
