package org.pcisegment.enforce.ebpf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pcisegment.enforce.ebpf.LoadedDataPlane.DROP;
import static org.pcisegment.enforce.ebpf.LoadedDataPlane.PASS;
import static org.pcisegment.enforce.ebpf.Packets.TCP;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pcisegment.audit.AuditEvent;
import org.pcisegment.audit.EventAction;
import org.pcisegment.audit.RecordingAuditSink;
import org.pcisegment.audit.Subject;
import org.pcisegment.core.ir.DenyReason;
import org.pcisegment.core.ir.PolicyCompiler;
import org.pcisegment.core.ir.RuleSet;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.IpRange;
import org.pcisegment.core.net.PortRange;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.core.testing.TestPolicySets;
import org.pcisegment.enforce.EnforcedItem;

/**
 * Return traffic through the connection table, the management exception, per-rule counters and
 * the rate-limited deny events, on a database that admits only the app on 5432 and may open
 * nothing itself.
 */
@Tag("kernel")
class ConnectionsAndEventsTest {
    private static final IpAddress APP = IpAddress.parseOrThrow("10.0.1.10");
    private static final IpAddress DB = IpAddress.parseOrThrow("10.0.1.20");
    private static final IpAddress ADMIN = IpAddress.parseOrThrow("10.9.1.1");
    private static final IpAddress STRANGER = IpAddress.parseOrThrow("10.8.0.1");

    private static LoadedDataPlane plane;

    @BeforeAll
    static void install() {
        plane = new LoadedDataPlane();
        String policy = """
                apiVersion: pci-segment/v1
                kind: NetworkPolicy
                metadata: {name: db-policy}
                spec:
                  podSelector: {matchLabels: {tier: database}}
                  policyTypes: [Ingress, Egress]
                  ingress:
                    - from: [{podSelector: {matchLabels: {tier: app}}}]
                      ports: [{protocol: TCP, port: 5432}]
                  egress: []
                """;
        String inventory = TestPolicySets.inventory(
                "app 10.0.1.10 tier=app,pci-env=cde", "db 10.0.1.20 tier=database,pci-env=cde");
        RuleSet ruleSet = PolicyCompiler.compile(TestPolicySets.of(policy, inventory));
        Cidr admins = Cidr.of("10.9.0.0/16");
        EnforcedItem.Management ssh = new EnforcedItem.Management(
                Protocol.TCP, new IpRange(admins.network(), admins.last()), new PortRange(22, 22));
        plane.install(new DataPlanePolicy(ruleSet.hosts(), List.of(ssh)));
    }

    @AfterAll
    static void unload() {
        plane.close();
    }

    @BeforeEach
    void forgetConnections() {
        plane.clearConnections();
    }

    private static int send(IpAddress source, int sourcePort, IpAddress destination, int destinationPort) {
        return plane.verdict(Packets.frame(source, destination, TCP, sourcePort, destinationPort));
    }

    @Test
    void repliesOfAnAllowedConnectionPassWhereNewConnectionsDoNot() {
        assertThat(send(APP, 40000, DB, 5432)).isEqualTo(PASS);
        assertThat(send(DB, 5432, APP, 40000)).as("reply").isEqualTo(PASS);
        assertThat(send(DB, 40001, APP, 5432))
                .as("the database opening a connection")
                .isEqualTo(DROP);
        plane.clearConnections();
        assertThat(send(DB, 5432, APP, 40000)).as("a reply nobody asked for").isEqualTo(DROP);
    }

    @Test
    void managementExceptionAdmitsTheAdminSessionInBothDirections() {
        assertThat(send(ADMIN, 50000, DB, 22)).isEqualTo(PASS);
        plane.clearConnections();
        assertThat(send(DB, 22, ADMIN, 50000))
                .as("the session's replies, without the table")
                .isEqualTo(PASS);
        assertThat(send(ADMIN, 50001, DB, 23)).isEqualTo(DROP);
        assertThat(send(STRANGER, 50002, DB, 22)).isEqualTo(DROP);
    }

    @Test
    void countsAdmittedPacketsUnderTheRuleThatAdmittedThem() {
        int rule = counterNamed("db-policy ingress[0] tcp");
        Counters.Count before = Counters.read(plane.objects(), List.of(rule)).get(rule);
        byte[] frame = Packets.frame(APP, DB, TCP, 40010, 5432);
        assertThat(plane.verdict(frame)).isEqualTo(PASS);
        Counters.Count after = Counters.read(plane.objects(), List.of(rule)).get(rule);
        assertThat(after.packets() - before.packets()).isEqualTo(1);
        assertThat(after.bytes() - before.bytes()).isEqualTo(frame.length);
    }

    @Test
    void reportsADeniedPacketWithItsFiveTupleReasonAndCounter() {
        try (DenyEventReader events = DenyEventReader.open(plane.objects().directory())) {
            drain(events);
            assertThat(send(STRANGER, 40020, DB, 5432)).isEqualTo(DROP);
            List<DenyEvent> seen = new ArrayList<>();
            events.poll(Duration.ofSeconds(1), seen::add);

            assertThat(seen).hasSize(1);
            DenyEvent event = seen.getFirst();
            assertThat(event.flowText()).isEqualTo("tcp 10.8.0.1:40020 -> 10.0.1.20:5432");
            assertThat(event.reason().policyReason()).contains(DenyReason.DEFAULT_DENY_ON_DESTINATION);
            assertThat(event.counterName()).isEqualTo("default deny ingress of db");
            assertThat(event.hook()).isEqualTo(DenyEvent.Hook.INGRESS);
        }
    }

    @Test
    void deniedPacketsBecomeFlowDeniedAuditEvents() {
        RecordingAuditSink audit = new RecordingAuditSink();
        try (DenyEventForwarder forwarder =
                DenyEventForwarder.open(plane.objects().directory(), audit)) {
            while (forwarder.forward(Duration.ofMillis(50)) > 0) {
                // drain what earlier tests left
            }
            int before = audit.events().size();
            assertThat(send(DB, 40030, STRANGER, 443)).isEqualTo(DROP);
            forwarder.forward(Duration.ofSeconds(1));

            List<AuditEvent> events =
                    audit.events().subList(before, audit.events().size());
            assertThat(events).hasSize(1);
            AuditEvent event = events.getFirst();
            assertThat(event.action()).isEqualTo(EventAction.FLOW_DENIED);
            assertThat(event.message()).isEqualTo("denied tcp 10.0.1.20:40030 -> 10.8.0.1:443 (egress, default deny)");
            assertThat(event.subject()).isInstanceOfSatisfying(Subject.NetworkFlow.class, flow -> {
                assertThat(flow.direction()).isEqualTo(Direction.EGRESS);
                assertThat(flow.policy()).isEmpty();
            });
            assertThat(event.labels())
                    .containsEntry("deny_reason", "egress not allowed at source")
                    .containsEntry("counter", "default deny egress of db");
        }
    }

    @Test
    void aFloodOfDeniedPacketsYieldsABoundedNumberOfEventsAndCountsTheRest() {
        int suppressedId = MapLayout.FIXED_COUNTERS.indexOf("deny events suppressed by the rate limit");
        int lostId = MapLayout.FIXED_COUNTERS.indexOf("deny events lost: ring buffer full");
        try (DenyEventReader events = DenyEventReader.open(plane.objects().directory())) {
            drain(events);
            Map<Integer, Counters.Count> before = Counters.read(plane.objects(), List.of(suppressedId, lostId));
            long start = System.nanoTime();
            int flood = 5000;
            for (int i = 0; i < flood; i++) {
                plane.verdict(Packets.frame(STRANGER, DB, TCP, 1024 + i, 5432));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int received = drain(events);
            Map<Integer, Counters.Count> after = Counters.read(plane.objects(), List.of(suppressedId, lostId));
            long suppressed =
                    after.get(suppressedId).packets() - before.get(suppressedId).packets();
            long lost = after.get(lostId).packets() - before.get(lostId).packets();

            DataPlaneSettings settings = DataPlaneSettings.defaults();
            int cpus = Libbpf.possibleCpus();
            long bound = (long) cpus
                    * (settings.eventBurst() + (long) Math.ceil(seconds * settings.eventsPerSecondPerCpu()));
            assertThat((long) received)
                    .as("events after %.2f s on %d CPUs", seconds, cpus)
                    .isLessThanOrEqualTo(bound);
            assertThat(suppressed).isPositive();
            assertThat(received + suppressed + lost)
                    .as("every denied packet is either reported or counted")
                    .isEqualTo(flood);
        }
    }

    private static int drain(DenyEventReader events) {
        int total = 0;
        int got;
        do {
            got = events.poll(Duration.ofMillis(50), e -> {});
            total += got;
        } while (got > 0);
        return total;
    }

    private static int counterNamed(String identity) {
        return plane.installed().ruleInfo().entrySet().stream()
                .filter(e -> MapPlanner.identity(e.getValue().text()).equals(identity))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "no counter " + identity + " in " + plane.installed().ruleInfo()));
    }
}
