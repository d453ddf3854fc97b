package org.pcisegment.core.ir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.testing.TestPolicySets;

/**
 * The indexed decide against the linear scan on a policy set large enough for every shape of the
 * flat index: address trees with a middle level (over 1,024 intervals), port tables long enough to
 * be halved before counting (over 64 starts), IPv6 peers, and the ends of both address spaces and
 * of the port range. The random differential test's policy sets are too small for these.
 */
class DecideAtScaleTest {
    private static final int WORKLOADS = 1_200;
    private static final int TIERS = 7;
    private static final int APPS = 3;
    private static final int WIDE_PORTS = 40;

    private static RuleSet ruleSet;
    private static List<IpAddress> addresses;
    private static List<Integer> ports;

    @BeforeAll
    static void compile() {
        StringBuilder inventory = new StringBuilder(
                "apiVersion: pci-segment/v1\nkind: Inventory\nmetadata:\n  name: scale\nspec:\n  workloads:\n");
        addresses = new ArrayList<>();
        for (int i = 0; i < WORKLOADS; i++) {
            String address = "10.1." + (i >> 8) + "." + (i & 0xFF);
            inventory
                    .append("    - name: w")
                    .append(i)
                    .append("\n      addresses: [")
                    .append(address);
            addresses.add(IpAddress.parseOrThrow(address));
            if (i % 50 == 1) {
                // a second address: in 10.1.200.0/25 (an ipBlock of its own) or above it
                String second = "10.1.200." + (i / 50);
                inventory.append(", ").append(second);
                addresses.add(IpAddress.parseOrThrow(second));
            }
            if (i % 100 == 0) {
                String v6 = "fd00::" + Integer.toHexString(i + 1);
                inventory.append(", \"").append(v6).append('"');
                addresses.add(IpAddress.parseOrThrow(v6));
            }
            inventory
                    .append("]\n      labels: {app: a")
                    .append(i % APPS)
                    .append(", tier: t")
                    .append(i % TIERS);
            inventory.append("}\n");
        }
        // one workload owns a /30: four addresses, one interval
        inventory.append("    - name: range\n      addresses: [10.1.201.0/30]\n      labels: {app: a0, tier: t0}\n");
        for (int i = 0; i < 5; i++) {
            addresses.add(IpAddress.v4(0x0A01_C900L + i));
        }
        ports = new ArrayList<>(
                List.of(PortSet.MIN_PORT, 2, 442, 443, 444, 8443, PortSet.MAX_PORT - 1, PortSet.MAX_PORT));
        StringBuilder policies = new StringBuilder();
        for (int app = 0; app < APPS; app++) {
            for (String direction : List.of("ingress", "egress")) {
                String peers = direction.equals("ingress") ? "from" : "to";
                policies.append("---\napiVersion: pci-segment/v1\nkind: NetworkPolicy\nmetadata: {name: ")
                        .append(direction)
                        .append("-a")
                        .append(app)
                        .append("}\nspec:\n  podSelector: {matchLabels: {app: a")
                        .append(app)
                        .append("}}\n  policyTypes: [")
                        .append(direction.equals("ingress") ? "Ingress" : "Egress")
                        .append("]\n  ")
                        .append(direction)
                        .append(":\n");
                // every tier on its own port: each workload address is an interval of its own
                for (int tier = 0; tier < TIERS; tier++) {
                    int port = 1000 + 10 * app + tier;
                    ports.add(port);
                    rule(
                            policies,
                            peers,
                            "{podSelector: {matchLabels: {tier: t" + tier + "}}}",
                            "{port: " + port + "}");
                }
                // one block on many single ports: a port table of over 64 starts
                for (int i = 0; i < WIDE_PORTS; i++) {
                    int port = 20_000 + 7 * i + app;
                    ports.add(port);
                    rule(policies, peers, "{ipBlock: {cidr: 10.1.2.0/23}}", "{port: " + port + "}");
                }
                rule(
                        policies,
                        peers,
                        "{ipBlock: {cidr: 10.1.200.0/25}}, {ipBlock: {cidr: 10.1.201.0/30}}",
                        "{port: 8443}");
                rule(
                        policies,
                        peers,
                        "{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}}, {ipBlock: {cidr: \"::/0\"}}",
                        "{port: 443}, {protocol: UDP, port: 1, endPort: 65535}");
                rule(
                        policies,
                        peers,
                        "{ipBlock: {cidr: 255.255.255.255/32}}, {ipBlock: {cidr: 0.0.0.0/32}},"
                                + " {ipBlock: {cidr: \"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128\"}}",
                        "{port: 65535}, {protocol: SCTP, port: 1}");
            }
        }
        ruleSet = PolicyCompiler.compile(TestPolicySets.of(policies.toString(), inventory.toString()));
        addresses.addAll(List.of(
                IpAddress.parseOrThrow("0.0.0.0"),
                IpAddress.parseOrThrow("0.0.0.1"),
                IpAddress.parseOrThrow("9.255.255.255"),
                IpAddress.parseOrThrow("10.1.2.0"),
                IpAddress.parseOrThrow("10.1.3.255"),
                IpAddress.parseOrThrow("10.1.4.0"),
                // outside the inventory, beside workloads and inside or at the edge of 10.1.200.0/25
                IpAddress.parseOrThrow("10.1.4.176"),
                IpAddress.parseOrThrow("10.1.5.0"),
                IpAddress.parseOrThrow("10.1.200.24"),
                IpAddress.parseOrThrow("10.1.200.100"),
                IpAddress.parseOrThrow("10.1.200.127"),
                IpAddress.parseOrThrow("10.1.200.128"),
                IpAddress.parseOrThrow("11.0.0.0"),
                IpAddress.parseOrThrow("255.255.255.254"),
                IpAddress.parseOrThrow("255.255.255.255"),
                IpAddress.parseOrThrow("::"),
                IpAddress.parseOrThrow("fd00::2"),
                IpAddress.parseOrThrow("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")));
    }

    /** One rule of a policy: "- from: [peers]" (or "to") and "ports: [ports]". */
    private static void rule(StringBuilder policies, String peersField, String peers, String ports) {
        policies.append("    - ")
                .append(peersField)
                .append(": [")
                .append(peers)
                .append("]\n      ports: [")
                .append(ports)
                .append("]\n");
    }

    @Test
    void thePolicySetBuildsEveryShapeOfTheIndex() {
        DirectionRules ingress = ruleSet.host("w0").orElseThrow().ingress();

        assertThat(ingress.index(Protocol.TCP).intervals()).isGreaterThan(1_024);
        assertThat(ingress.index(Protocol.TCP).entries())
                .anySatisfy(entries -> assertThat(entries.pieces()).hasSizeGreaterThan(32));
    }

    @Test
    void indexedDecideEqualsTheLinearScan() {
        assertDecideEqualsTheLinearScan(ruleSet.decisionIndex(DecisionIndex.MAX_PEER_TABLES));
    }

    @Test
    void withoutPeerTablesEveryPeerIsSearchedInTheTrees() {
        assertDecideEqualsTheLinearScan(ruleSet.decisionIndex(0));
    }

    private static void assertDecideEqualsTheLinearScan(DecisionIndex index) {
        Random random = new Random(11);
        int admittedByARule = 0;
        int refused = 0;
        for (int i = 0; i < 4_000; i++) {
            IpAddress source = addresses.get(random.nextInt(addresses.size()));
            IpAddress destination = addresses.get(random.nextInt(addresses.size()));
            if (source.family() != destination.family()) {
                continue;
            }
            int port = random.nextInt(4) == 0
                    ? PortSet.MIN_PORT + random.nextInt(PortSet.MAX_PORT)
                    : ports.get(random.nextInt(ports.size()));
            Flow flow = new Flow(source, destination, Protocol.values()[random.nextInt(3)], port);
            Verdict verdict = index.decide(flow);

            assertThat(verdict).as("%s", flow).isEqualTo(ruleSet.decideByLinearScan(flow));
            assertThat(verdict).as("%s", flow).isEqualTo(ruleSet.decide(flow));
            assertThat(index.action(flow)).as("%s", flow).isEqualTo(verdict.action());
            assertThat(ruleSet.action(flow)).as("%s", flow).isEqualTo(verdict.action());
            for (SideDecision side : List.of(verdict.source(), verdict.destination())) {
                admittedByARule += side instanceof SideDecision.Allowed ? 1 : 0;
                refused += side instanceof SideDecision.Denied ? 1 : 0;
            }
        }
        // both outcomes of the index are exercised, many times
        assertThat(admittedByARule).isGreaterThan(200);
        assertThat(refused).isGreaterThan(500);
    }

    @Test
    void endsOfTheAddressSpacesAndOfThePortRange() {
        IpAddress first = IpAddress.parseOrThrow("0.0.0.0");
        IpAddress last = IpAddress.parseOrThrow("255.255.255.255");
        IpAddress lastV6 = IpAddress.parseOrThrow("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
        IpAddress w0 = addresses.getFirst();
        IpAddress w0v6 = IpAddress.parseOrThrow("fd00::1");

        assertThat(ruleSet.decide(new Flow(last, w0, Protocol.TCP, PortSet.MAX_PORT))
                        .allowed())
                .isTrue();
        assertThat(ruleSet.decide(new Flow(first, w0, Protocol.SCTP, PortSet.MIN_PORT))
                        .allowed())
                .isTrue();
        assertThat(ruleSet.decide(new Flow(last, w0, Protocol.TCP, PortSet.MAX_PORT - 1))
                        .allowed())
                .isFalse();
        assertThat(ruleSet.decide(new Flow(w0, last, Protocol.UDP, PortSet.MAX_PORT))
                        .allowed())
                .isTrue();
        assertThat(ruleSet.decide(new Flow(lastV6, w0v6, Protocol.TCP, PortSet.MAX_PORT))
                        .allowed())
                .isTrue();
        assertThat(ruleSet.decide(new Flow(lastV6, w0v6, Protocol.TCP, 443)).allowed())
                .isTrue();
        assertThat(ruleSet.decide(new Flow(w0v6, lastV6, Protocol.TCP, 444)).allowed())
                .isFalse();
    }
}
