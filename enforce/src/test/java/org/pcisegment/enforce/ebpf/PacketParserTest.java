package org.pcisegment.enforce.ebpf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pcisegment.enforce.ebpf.LoadedDataPlane.DROP;
import static org.pcisegment.enforce.ebpf.LoadedDataPlane.PASS;
import static org.pcisegment.enforce.ebpf.Packets.DESTINATION_OPTIONS;
import static org.pcisegment.enforce.ebpf.Packets.FRAGMENT;
import static org.pcisegment.enforce.ebpf.Packets.HOP_BY_HOP;
import static org.pcisegment.enforce.ebpf.Packets.ICMP;
import static org.pcisegment.enforce.ebpf.Packets.ICMPV6;
import static org.pcisegment.enforce.ebpf.Packets.NO_NEXT_HEADER;
import static org.pcisegment.enforce.ebpf.Packets.ROUTING;
import static org.pcisegment.enforce.ebpf.Packets.SCTP;
import static org.pcisegment.enforce.ebpf.Packets.TCP;
import static org.pcisegment.enforce.ebpf.Packets.UDP;
import static org.pcisegment.enforce.ebpf.Packets.concat;
import static org.pcisegment.enforce.ebpf.Packets.ethernet;
import static org.pcisegment.enforce.ebpf.Packets.extension;
import static org.pcisegment.enforce.ebpf.Packets.fragmentHeader;
import static org.pcisegment.enforce.ebpf.Packets.ipv4;
import static org.pcisegment.enforce.ebpf.Packets.ipv6;
import static org.pcisegment.enforce.ebpf.Packets.tcp;
import static org.pcisegment.enforce.ebpf.Packets.truncate;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pcisegment.core.ir.PolicyCompiler;
import org.pcisegment.core.ir.RuleSet;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.testing.TestPolicySets;

/**
 * The parser on crafted packets: extension-header chains, fragments, VLAN tags, truncated and
 * inconsistent headers. The CDE workload restricts ingress to HTTPS (TCP 443), DNS (UDP 53) and
 * SCTP 3868 from the client; what the parser cannot read to the ports and is aimed at the CDE is
 * dropped, never passed, while the same packet aimed at an unrestricted host passes.
 */
@Tag("kernel")
class PacketParserTest {
    private static final IpAddress CDE = IpAddress.parseOrThrow("10.0.1.10");
    private static final IpAddress CDE6 = IpAddress.parseOrThrow("fd00:1::10");
    private static final IpAddress CLIENT = IpAddress.parseOrThrow("10.0.2.10");
    private static final IpAddress CLIENT6 = IpAddress.parseOrThrow("fd00:2::10");
    private static final IpAddress OPEN = IpAddress.parseOrThrow("10.0.3.10");
    private static final IpAddress OPEN6 = IpAddress.parseOrThrow("fd00:3::10");

    private static LoadedDataPlane plane;

    @BeforeAll
    static void install() {
        plane = new LoadedDataPlane();
        String policy = """
                apiVersion: pci-segment/v1
                kind: NetworkPolicy
                metadata: {name: cde-api}
                spec:
                  podSelector: {matchLabels: {pci-env: cde}}
                  policyTypes: [Ingress]
                  ingress:
                    - from: [{podSelector: {matchLabels: {zone: dmz}}}]
                      ports: [{protocol: TCP, port: 443}, {protocol: UDP, port: 53}, {protocol: SCTP, port: 3868}]
                """;
        String inventory = TestPolicySets.inventory(
                "api 10.0.1.10,fd00:1::10 pci-env=cde",
                "web 10.0.2.10,fd00:2::10 zone=dmz",
                "open 10.0.3.10,fd00:3::10 zone=corp");
        RuleSet ruleSet = PolicyCompiler.compile(TestPolicySets.of(policy, inventory));
        plane.install(new DataPlanePolicy(ruleSet.hosts(), List.of()));
    }

    @AfterAll
    static void unload() {
        plane.close();
    }

    @BeforeEach
    void forgetConnections() {
        plane.clearConnections();
    }

    private static int v4(IpAddress destination, int protocol, byte[] l4, int fragment) {
        return plane.verdict(concat(ethernet(0x0800), ipv4(CLIENT, destination, protocol, l4.length, fragment), l4));
    }

    private static int v6(IpAddress destination, byte[] headers, int firstNextHeader) {
        return plane.verdict(
                concat(ethernet(0x86DD), ipv6(CLIENT6, destination, firstNextHeader, headers.length, 64), headers));
    }

    @Test
    void admitsTheAllowedPortsOfEveryProtocolAndDropsOthers() {
        assertThat(v4(CDE, TCP, tcp(40000, 443, Packets.TCP_SYN), 0)).isEqualTo(PASS);
        assertThat(v4(CDE, TCP, tcp(40001, 22, Packets.TCP_SYN), 0)).isEqualTo(DROP);
        assertThat(v4(CDE, UDP, Packets.ports(UDP, 40002, 53), 0)).isEqualTo(PASS);
        assertThat(v4(CDE, UDP, Packets.ports(UDP, 40003, 54), 0)).isEqualTo(DROP);
        assertThat(v4(CDE, SCTP, Packets.ports(SCTP, 40004, 3868), 0)).isEqualTo(PASS);
        assertThat(v4(CDE, SCTP, Packets.ports(SCTP, 40005, 443), 0)).isEqualTo(DROP);
        assertThat(v6(CDE6, tcp(40006, 443, Packets.TCP_SYN), TCP)).isEqualTo(PASS);
        assertThat(v6(CDE6, tcp(40007, 80, Packets.TCP_SYN), TCP)).isEqualTo(DROP);
    }

    @Test
    void walksIpv6ExtensionHeaderChainsToTheTransportPorts() {
        byte[] chain = concat(
                extension(DESTINATION_OPTIONS, 1),
                extension(ROUTING, 2),
                extension(TCP, 1),
                tcp(40010, 443, Packets.TCP_SYN));
        assertThat(v6(CDE6, chain, HOP_BY_HOP)).isEqualTo(PASS);
        byte[] toSsh = concat(
                extension(DESTINATION_OPTIONS, 1),
                extension(ROUTING, 2),
                extension(TCP, 1),
                tcp(40011, 22, Packets.TCP_SYN));
        assertThat(v6(CDE6, toSsh, HOP_BY_HOP)).isEqualTo(DROP);
    }

    @Test
    void dropsAnExtensionChainLongerThanTheParserWalksWhenAimedAtTheCde() {
        byte[] headers = new byte[0];
        for (int i = 0; i < 9; i++) {
            headers = concat(headers, extension(i == 8 ? TCP : DESTINATION_OPTIONS, 1));
        }
        byte[] packet = concat(headers, tcp(40020, 443, Packets.TCP_SYN));
        assertThat(v6(CDE6, packet, DESTINATION_OPTIONS)).isEqualTo(DROP);
        assertThat(v6(OPEN6, packet, DESTINATION_OPTIONS)).isEqualTo(PASS);
    }

    @Test
    void judgesFirstFragmentsByTheirPortsAndDropsLaterFragmentsToTheCde() {
        // IPv4: MF set, offset 0, full TCP header -> judged like any packet
        assertThat(v4(CDE, TCP, tcp(40030, 443, Packets.TCP_SYN), 0x2000)).isEqualTo(PASS);
        assertThat(v4(CDE, TCP, tcp(40031, 22, Packets.TCP_SYN), 0x2000)).isEqualTo(DROP);
        // a later fragment carries no ports: it may not reach the CDE, whatever its bytes say
        assertThat(v4(CDE, TCP, tcp(40032, 443, Packets.TCP_SYN), 185)).isEqualTo(DROP);
        assertThat(v4(CDE, TCP, tcp(40033, 443, Packets.TCP_SYN), 0x2000 | 1)).isEqualTo(DROP);
        assertThat(v4(OPEN, TCP, tcp(40034, 443, Packets.TCP_SYN), 185)).isEqualTo(PASS);

        byte[] first = concat(fragmentHeader(TCP, 0, true), tcp(40035, 443, Packets.TCP_SYN));
        assertThat(v6(CDE6, first, FRAGMENT)).isEqualTo(PASS);
        byte[] later = concat(fragmentHeader(TCP, 3, false), tcp(40036, 443, Packets.TCP_SYN));
        assertThat(v6(CDE6, later, FRAGMENT)).isEqualTo(DROP);
        assertThat(v6(OPEN6, later, FRAGMENT)).isEqualTo(PASS);
        // a fragment header behind other extension headers is found too
        byte[] deep = concat(extension(FRAGMENT, 1), fragmentHeader(TCP, 1, true), tcp(40037, 443, Packets.TCP_SYN));
        assertThat(v6(CDE6, deep, HOP_BY_HOP)).isEqualTo(DROP);
    }

    @Test
    void dropsATinyFirstFragmentThatHidesTheTcpHeaderFromTheCde() {
        byte[] eightBytes = truncate(tcp(40040, 443, Packets.TCP_SYN), 8);
        assertThat(v4(CDE, TCP, eightBytes, 0x2000)).isEqualTo(DROP);
        assertThat(v4(OPEN, TCP, eightBytes, 0x2000)).isEqualTo(PASS);
    }

    @Test
    void dropsTruncatedHeadersAimedAtTheCde() {
        byte[] full = Packets.frame(CLIENT, CDE, TCP, 40050, 443);
        // IP header cut, so the addresses cannot even be read. BPF_PROG_TEST_RUN refuses an
        // untagged IPv4/IPv6 frame shorter than its IP header, so the cut header sits behind a
        // VLAN tag here (the parser reads through tags; the kernel's pre-check does not)
        byte[] ip = ipv4(CLIENT, CDE, TCP, 20, 0);
        assertThat(plane.verdict(concat(ethernet(0x0800, 1), truncate(ip, 15)))).isEqualTo(DROP);
        byte[] ip6 = ipv6(CLIENT6, CDE6, TCP, 20, 64);
        assertThat(plane.verdict(concat(ethernet(0x86DD, 1), truncate(ip6, 39))))
                .isEqualTo(DROP);
        // transport header cut after the ports
        assertThat(plane.verdict(truncate(full, 14 + 20 + 3))).isEqualTo(DROP);
        assertThat(plane.verdict(truncate(Packets.frame(CLIENT, OPEN, TCP, 40051, 443), 14 + 20 + 3)))
                .isEqualTo(PASS);
        byte[] full6 = Packets.frame(CLIENT6, CDE6, UDP, 40052, 53);
        assertThat(plane.verdict(truncate(full6, 14 + 40 + 2))).isEqualTo(DROP);
        // an extension header that claims more bytes than the packet has
        byte[] cut = truncate(concat(extension(TCP, 4), tcp(40053, 443, Packets.TCP_SYN)), 8);
        assertThat(v6(CDE6, cut, HOP_BY_HOP)).isEqualTo(DROP);
    }

    @Test
    void dropsInconsistentIpv4HeadersAimedAtTheCde() {
        byte[] l4 = tcp(40060, 443, Packets.TCP_SYN);
        byte[] header = ipv4(CLIENT, CDE, TCP, l4.length, 0);
        header[0] = 0x44; // IHL 4: shorter than the fixed header
        assertThat(plane.verdict(concat(ethernet(0x0800), header, l4))).isEqualTo(DROP);
        byte[] shortTotal = ipv4(CLIENT, CDE, TCP, l4.length, 0);
        shortTotal[2] = 0;
        shortTotal[3] = 10; // total length below the header length
        assertThat(plane.verdict(concat(ethernet(0x0800), shortTotal, l4))).isEqualTo(DROP);
        byte[] version = ipv4(CLIENT, CDE, TCP, l4.length, 0);
        version[0] = 0x55; // EtherType says IPv4, the header does not
        assertThat(plane.verdict(concat(ethernet(0x0800), version, l4))).isEqualTo(DROP);
    }

    @Test
    void readsVlanTaggedFramesInsteadOfPassingThemAsNonIp() {
        byte[] l4 = tcp(40070, 22, Packets.TCP_SYN);
        byte[] ip = ipv4(CLIENT, CDE, TCP, l4.length, 0);
        assertThat(plane.verdict(concat(ethernet(0x0800, 1), ip, l4))).isEqualTo(DROP);
        assertThat(plane.verdict(concat(ethernet(0x0800, 2), ip, l4))).isEqualTo(DROP);
        byte[] https = tcp(40071, 443, Packets.TCP_SYN);
        assertThat(plane.verdict(concat(ethernet(0x0800, 2), ipv4(CLIENT, CDE, TCP, https.length, 0), https)))
                .isEqualTo(PASS);
    }

    @Test
    void passesArpAndNeighbourDiscoveryButNotForgedNeighbourDiscovery() {
        byte[] arp = new byte[28];
        assertThat(plane.verdict(concat(ethernet(0x0806), arp))).isEqualTo(PASS);
        byte[] solicitation = new byte[24];
        solicitation[0] = (byte) 135;
        assertThat(plane.verdict(
                        concat(ethernet(0x86DD), ipv6(CLIENT6, CDE6, ICMPV6, solicitation.length, 255), solicitation)))
                .isEqualTo(PASS);
        // hop limit below 255: not from the link, so not neighbour discovery (RFC 4861)
        assertThat(plane.verdict(
                        concat(ethernet(0x86DD), ipv6(CLIENT6, CDE6, ICMPV6, solicitation.length, 64), solicitation)))
                .isEqualTo(DROP);
    }

    @Test
    void dropsProtocolsWithoutPortsToTheCde() {
        byte[] echo = {8, 0, 0, 0, 0, 1, 0, 1};
        assertThat(v4(CDE, ICMP, echo, 0)).isEqualTo(DROP);
        assertThat(v4(OPEN, ICMP, echo, 0)).isEqualTo(PASS);
        assertThat(v6(CDE6, new byte[0], NO_NEXT_HEADER)).isEqualTo(DROP);
        assertThat(v4(CDE, 50 /* ESP */, new byte[16], 0)).isEqualTo(DROP);
    }

    @Test
    void passesIcmpErrorsOnlyForTrackedConnections() {
        // the CDE answers an allowed connection; a router reports the reply undeliverable
        assertThat(v4(CDE, TCP, tcp(40080, 443, Packets.TCP_SYN), 0)).isEqualTo(PASS);
        byte[] quoted = concat(ipv4(CDE, CLIENT, TCP, 20, 0), truncate(tcp(443, 40080, 0x12), 8));
        byte[] unreachable = concat(new byte[] {3, 1, 0, 0, 0, 0, 0, 0}, quoted);
        IpAddress router = IpAddress.parseOrThrow("10.0.9.1");
        byte[] toCde = concat(ethernet(0x0800), ipv4(router, CDE, ICMP, unreachable.length, 0), unreachable);
        assertThat(plane.verdict(toCde)).isEqualTo(PASS);
        // the same error about a connection that was never allowed is dropped
        byte[] unknown = concat(ipv4(CDE, CLIENT, TCP, 20, 0), truncate(tcp(443, 40081, 0x12), 8));
        byte[] forged = concat(new byte[] {3, 1, 0, 0, 0, 0, 0, 0}, unknown);
        assertThat(plane.verdict(concat(ethernet(0x0800), ipv4(router, CDE, ICMP, forged.length, 0), forged)))
                .isEqualTo(DROP);
    }
}
