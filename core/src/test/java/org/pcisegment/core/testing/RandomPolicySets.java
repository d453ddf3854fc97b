package org.pcisegment.core.testing;

import java.util.List;
import java.util.Random;
import org.pcisegment.core.ir.Flow;
import org.pcisegment.core.load.PolicySet;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.Protocol;

/**
 * Small random policy sets and flows over a tiny address space (10.0.0.0/26 and fd00::/122), so
 * random flows often hit workloads, rule edges, excepts and ports: fodder for differential tests.
 */
public final class RandomPolicySets {
    private static final int[] PORTS = {22, 53, 80, 443, 5432, 8080, 9090};
    private static final String[] NAMED = {"https", "http", "ssh", "dns", "postgresql"};
    private static final String[] APPS = {"a", "b", "c"};

    private final Random random;

    public RandomPolicySets(long seed) {
        this.random = new Random(seed);
    }

    public PolicySet policySet() {
        return TestPolicySets.of(policies(1 + random.nextInt(6)), inventory());
    }

    private String inventory() {
        StringBuilder out = new StringBuilder(
                "apiVersion: pci-segment/v1\nkind: Inventory\nmetadata:\n  name: random\nspec:\n  workloads:\n");
        // workload i owns 10.0.0.(4i)/31 or one address, and sometimes fd00::(4i)
        for (int i = 0; i < 8; i++) {
            out.append("    - name: w").append(i).append("\n      addresses: [");
            out.append(random.nextBoolean() ? "10.0.0." + 4 * i : "10.0.0." + 4 * i + "/31");
            if (random.nextBoolean()) {
                out.append(", \"fd00::").append(Integer.toHexString(4 * i)).append('"');
            }
            out.append("]\n      labels: {app: ").append(APPS[random.nextInt(APPS.length)]);
            if (random.nextInt(3) == 0) {
                out.append(", pci-env: cde");
            }
            out.append("}\n");
        }
        return out.toString();
    }

    private String policies(int count) {
        StringBuilder out = new StringBuilder();
        for (int p = 0; p < count; p++) {
            out.append("---\napiVersion: pci-segment/v1\nkind: NetworkPolicy\nmetadata:\n  name: p")
                    .append(p)
                    .append("\nspec:\n  podSelector: ")
                    .append(selector())
                    .append('\n');
            int types = random.nextInt(4);
            if (types > 0) {
                out.append("  policyTypes: [")
                        .append(types == 1 ? "Ingress" : types == 2 ? "Egress" : "Ingress, Egress")
                        .append("]\n");
            }
            section(out, "ingress", "from");
            section(out, "egress", "to");
        }
        return out.toString();
    }

    private String selector() {
        return switch (random.nextInt(5)) {
            case 0 -> "{}";
            case 1 -> "{matchLabels: {pci-env: cde}}";
            case 2 -> "{matchExpressions: [{key: app, operator: NotIn, values: [a]}]}";
            case 3 -> "{matchLabels: {app: zzz}}"; // selects nothing
            default -> "{matchLabels: {app: " + APPS[random.nextInt(APPS.length)] + "}}";
        };
    }

    private void section(StringBuilder out, String section, String peersField) {
        int shape = random.nextInt(4);
        if (shape == 0) {
            return; // absent
        }
        if (shape == 1) {
            out.append("  ").append(section).append(": []\n");
            return;
        }
        out.append("  ").append(section).append(":\n");
        int rules = 1 + random.nextInt(3);
        for (int r = 0; r < rules; r++) {
            out.append("    - ");
            boolean first = true;
            if (random.nextInt(4) != 0) {
                out.append(peersField).append(":\n");
                first = false;
                int peers = random.nextInt(3) + (random.nextInt(6) == 0 ? 0 : 1);
                if (peers == 0) {
                    out.append("        []\n");
                }
                for (int i = 0; i < peers; i++) {
                    out.append("        - ").append(peer()).append('\n');
                }
            }
            if (random.nextInt(4) != 0) {
                out.append(first ? "" : "      ").append("ports:\n");
                first = false;
                int ports = random.nextInt(3);
                if (ports == 0) {
                    out.append("        []\n");
                }
                for (int i = 0; i < ports; i++) {
                    out.append("        - ").append(port()).append('\n');
                }
            }
            if (first) {
                out.append("{}\n");
            }
        }
    }

    private String peer() {
        return switch (random.nextInt(5)) {
            case 0 -> "podSelector: " + selector();
            case 1 -> "ipBlock: {cidr: \"fd00::/" + (122 + random.nextInt(7)) + "\"}";
            case 2 -> {
                int length = 26 + random.nextInt(4);
                int base = random.nextInt(64) & ~((1 << (32 - length)) - 1);
                int cut = base + random.nextInt(1 << (32 - length));
                yield "ipBlock: {cidr: 10.0.0." + base + "/" + length + ", except: [10.0.0." + cut + "/32]}";
            }
            case 3 -> "ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/27]}";
            default -> "ipBlock: {cidr: 10.0.0." + (random.nextInt(64) & ~3) + "/30}";
        };
    }

    private String port() {
        String protocol = List.of("TCP", "UDP", "SCTP").get(random.nextInt(3));
        return switch (random.nextInt(4)) {
            case 0 -> "{protocol: " + protocol + "}";
            case 1 -> "{protocol: " + protocol + ", port: " + NAMED[random.nextInt(NAMED.length)] + "}";
            case 2 -> {
                int first = PORTS[random.nextInt(PORTS.length)];
                yield "{protocol: " + protocol + ", port: " + first + ", endPort: " + (first + random.nextInt(50))
                        + "}";
            }
            default -> "{protocol: " + protocol + ", port: " + PORTS[random.nextInt(PORTS.length)] + "}";
        };
    }

    /** A flow between random addresses of the small space (same family), on a likely port. */
    public Flow flow() {
        boolean v6 = random.nextInt(4) == 0;
        IpAddress source = address(v6);
        IpAddress destination = address(v6);
        int port = random.nextInt(3) == 0
                ? 1 + random.nextInt(65535)
                : PORTS[random.nextInt(PORTS.length)] + random.nextInt(3);
        return new Flow(source, destination, Protocol.values()[random.nextInt(3)], port);
    }

    private IpAddress address(boolean v6) {
        if (v6) {
            return IpAddress.v6(0xfd00L << 48, random.nextInt(70));
        }
        return IpAddress.v4(0x0A00_0000L + random.nextInt(70));
    }
}
