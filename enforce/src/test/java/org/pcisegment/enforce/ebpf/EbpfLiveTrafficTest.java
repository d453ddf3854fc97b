package org.pcisegment.enforce.ebpf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pcisegment.core.ir.Action;
import org.pcisegment.core.ir.PolicyCompiler;
import org.pcisegment.core.ir.RuleSet;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.IpFamily;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.enforce.DesiredState;
import org.pcisegment.enforce.EnforcementException;
import org.pcisegment.enforce.EnforcementStatus;
import org.pcisegment.enforce.Enforcer;
import org.pcisegment.enforce.InstalledState;
import org.pcisegment.enforce.ManagementAccess;
import org.pcisegment.enforce.RuleCounter;
import org.pcisegment.enforce.testing.FlowMatrix;
import org.pcisegment.enforce.testing.FlowMatrix.Outcome;
import org.pcisegment.enforce.testing.FlowMatrix.Service;
import org.pcisegment.enforce.testing.Host;
import org.pcisegment.enforce.testing.Lab;
import org.pcisegment.enforce.testing.LabTraffic;
import org.pcisegment.enforce.testing.LiveTrafficContract;
import org.pcisegment.enforce.testing.Prober;
import org.pcisegment.enforce.testing.TestNetwork;

/**
 * eBPF enforcement against real traffic in the lab: the shared contract (every lab flow exactly as
 * {@code RuleSet.decide} says, management exception) through TC programs, plus the eBPF backend's
 * own guarantees: updates are map diffs that lose no packet of allowed connections and cut
 * withdrawn ones, connections open before enforcement survive, a refused write rolls back,
 * enforcement outlives the process that set it up, disable removes only our filters and pins.
 */
@Tag("kernel")
class EbpfLiveTrafficTest extends LiveTrafficContract {
    private static Path pinRoot;

    private EbpfEnforcer enforcer;

    @BeforeAll
    static void choosePinRoot() {
        pinRoot = PinnedObjects.BPFFS.resolve("pci-segment-test-" + UUID.randomUUID());
    }

    @AfterAll
    static void removePinRoot() throws IOException {
        if (pinRoot != null && Files.isDirectory(pinRoot)) {
            try (var leftovers = Files.list(pinRoot)) {
                assertThat(leftovers.toList()).as("pins left behind").isEmpty();
            }
            Files.delete(pinRoot);
        }
    }

    @BeforeEach
    void createEnforcer() {
        enforcer = new EbpfEnforcer(EbpfOptions.DEFAULTS.withPinRoot(pinRoot));
    }

    @Override
    protected Enforcer enforcer() {
        return enforcer;
    }

    @Override
    protected void afterDisable(Host host) {
        removeClsact(host);
    }

    @Test
    void statusCountsEachRuleDefaultDenyAndReturnTraffic() {
        RuleSet ruleSet = PolicyCompiler.compile(Lab.load(dir));
        enforce(ruleSet, LAB.get().db(), ManagementAccess.none());
        Host office = LAB.get().network().get("office");
        assertThat(reaches(LAB.get().app(), LAB.get().db(), IpFamily.V4, 5432)).isTrue();
        assertThat(reaches(office, LAB.get().db(), IpFamily.V6, 5432)).isFalse();
        assertThat(Prober.reaches(
                        LAB.get().db(),
                        LAB.get().network().get("mon").address(IpFamily.V4),
                        Protocol.TCP,
                        443,
                        TIMEOUT))
                .isFalse();

        EnforcementStatus status = LAB.get().db().call(enforcer::status);

        assertThat(status.installed()).isTrue();
        assertThat(status.counters())
                .anySatisfy(c -> assertCounter(c, Direction.INGRESS, "cde-database ingress[0]", Action.ALLOW))
                .anySatisfy(c -> assertCounter(c, Direction.INGRESS, "default deny", Action.DENY))
                .anySatisfy(c -> assertCounter(c, Direction.EGRESS, "default deny", Action.DENY))
                .anySatisfy(
                        c -> assertCounter(c, Direction.EGRESS, "return traffic of allowed connections", Action.ALLOW));
    }

    private static void assertCounter(RuleCounter counter, Direction direction, String rule, Action action) {
        assertThat(counter.direction()).isEqualTo(direction);
        assertThat(counter.rule()).isEqualTo(rule);
        assertThat(counter.action()).isEqualTo(action);
        assertThat(counter.packets()).isPositive();
    }

    @Test
    void installedStateReadsBackAsTheDesiredItems() {
        RuleSet ruleSet = PolicyCompiler.compile(Lab.load(dir));
        DesiredState desired = LabTraffic.desired(
                ruleSet, LAB.get().db(), ManagementAccess.fromFlags(List.of("10.77.20.0/24"), List.of("22")));
        LAB.get().db().call(() -> enforcer.apply(desired));

        InstalledState installed = LAB.get().db().call(enforcer::installed);

        assertThat(installed).isInstanceOfSatisfying(InstalledState.Present.class, present -> {
            assertThat(present.items()).containsExactlyElementsOf(desired.items());
            assertThat(present.metadata()).contains(desired.metadata());
        });
        assertThat(LAB.get()
                        .db()
                        .call(() -> enforcer.diff(desired, enforcer.installed()))
                        .unchanged())
                .isTrue();
    }

    @Test
    void aConnectionOpenBeforeEnforcementKeepsWorkingWhileNewOnesAreRefused() throws Exception {
        Host office = LAB.get().network().get("office");
        RuleSet ruleSet = PolicyCompiler.compile(Lab.load(dir));
        assertThat(ruleSet.decide(LabTraffic.tcpFlow(office, LAB.get().db(), IpFamily.V4, 22))
                        .allowed())
                .as("the policies refuse the office's SSH to the database")
                .isFalse();
        try (Socket session = LabTraffic.open(office, LAB.get().db().address(IpFamily.V4), 22, TIMEOUT)) {
            assertThat(LabTraffic.echo(session)).isTrue();

            enforce(ruleSet, LAB.get().db(), ManagementAccess.none());

            assertThat(LAB.get().db().call(enforcer::lastApply).orElseThrow().connectionsSeeded())
                    .isPositive();
            assertThat(LabTraffic.echo(session))
                    .as("the session open before enforcement")
                    .isTrue();
            assertThat(reaches(office, LAB.get().db(), IpFamily.V4, 22))
                    .as("a new session")
                    .isFalse();
        }
    }

    /**
     * Around the contract's policy change: UDP echoes from the database to monitoring (allowed:
     * syslog) run through it, and UDP has no retransmission, so a packet lost in the transition
     * shows as a miss; the program must stay attached (the change is a map diff) and the
     * withdrawn connection must have been cut from the connection table.
     */
    @Override
    protected void applyChange(Runnable change) throws Exception {
        Host monitoring = LAB.get().network().get("mon");
        int programBefore = LAB.get().db().call(enforcer::details).orElseThrow().ingressProgramId();
        AtomicBoolean stop = new AtomicBoolean();
        Future<int[]> stream = LAB.get().db().submit(() -> udpStream(monitoring.address(IpFamily.V4), 514, stop));
        Thread.sleep(300);
        change.run();
        Thread.sleep(300);
        stop.set(true);
        int[] sentAndLost = stream.get(10, TimeUnit.SECONDS);

        assertThat(sentAndLost[0]).as("datagrams sent during the update").isGreaterThan(20);
        assertThat(sentAndLost[1]).as("datagrams lost during the update").isZero();
        assertThat(LAB.get().db().call(enforcer::details).orElseThrow().ingressProgramId())
                .as("the program stayed attached")
                .isEqualTo(programBefore);
        assertThat(LAB.get().db().call(enforcer::lastApply).orElseThrow().connectionsCut())
                .as("tracked connections cut")
                .isPositive();
    }

    @Test
    void aRefusedMapWriteLeavesThePreviousPolicyInForce() throws IOException {
        enforce(PolicyCompiler.compile(Lab.load(dir)), LAB.get().db(), ManagementAccess.none());
        InstalledState installed = LAB.get().db().call(enforcer::installed);
        Path ports = LAB.get().db().call(() -> enforcer.pins().resolve(MapLayout.PORTS));
        int fd = Libbpf.pinned(ports);
        try {
            Libbpf.freeze(fd); // the kernel now refuses every write to the port tables
        } finally {
            Libc.close(fd);
        }
        DesiredState changed = LabTraffic.desired(
                LabTraffic.changeMonitoringPort(dir), LAB.get().db(), ManagementAccess.none());

        assertThatThrownBy(() -> LAB.get().db().call(() -> enforcer.apply(changed)))
                .isInstanceOfSatisfying(EnforcementException.class, e -> {
                    assertThat(e.previousStateKept()).isTrue();
                    assertThat(e.getMessage())
                            .contains("map 'ports'")
                            .contains("were undone, the previous policy stays");
                });

        assertThat(LAB.get().db().call(enforcer::installed)).isEqualTo(installed);
        Host monitoring = LAB.get().network().get("mon");
        assertThat(reaches(monitoring, LAB.get().db(), IpFamily.V6, 9100))
                .as("old rule in force")
                .isTrue();
        assertThat(reaches(monitoring, LAB.get().db(), IpFamily.V6, 22))
                .as("new rule not in force")
                .isFalse();
    }

    @Test
    void enforcementOutlivesTheProcessThatSetItUp() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(
                        "nsenter",
                        "--net=/run/netns/" + LAB.get().db().namespace(),
                        java.toString(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        EnforceOnce.class.getName(),
                        pinRoot.toString(),
                        dir.toString(),
                        Lab.workloadOf(LAB.get().db()))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        RuleSet ruleSet = PolicyCompiler.compile(Lab.load(dir));
        List<FlowMatrix.Probe> probes = FlowMatrix.probes(
                LAB.get().hosts(),
                host -> host == LAB.get().db(),
                List.of(Service.tcp(5432), Service.tcp(9100), Service.udp(514)));
        List<Outcome> outcomes =
                FlowMatrix.run(probes, flow -> ruleSet.decide(flow).allowed(), TIMEOUT);
        assertThat(outcomes).anyMatch(o -> !o.expected());
        assertThat(FlowMatrix.mismatches(outcomes))
                .as("verdicts after the enforcing process exited")
                .isEmpty();
        EnforcementStatus status = LAB.get().db().call(enforcer::status);
        assertThat(status.metadata().orElseThrow().ruleSetSha256()).isEqualTo(ruleSet.sha256());
        assertThat(status.counters()).anySatisfy(c -> assertThat(c.packets()).isPositive());
    }

    @Test
    void disableRemovesOurFiltersAndPinsAndNothingElse() {
        RuleSet ruleSet = PolicyCompiler.compile(Lab.load(dir));
        Host office = LAB.get().network().get("office");
        enforce(ruleSet, LAB.get().db(), ManagementAccess.none());
        // a filter of someone else's on the same hook, after ours (classic BPF "accept")
        tc(LAB.get().db(), "filter add dev eth0 ingress prio 7 handle 0x77 bpf bytecode 1,6_0_0_4294967295,");
        assertThat(reaches(office, LAB.get().db(), IpFamily.V4, 5432)).isFalse();

        var removed = LAB.get().db().call(enforcer::disable);

        assertThat(removed.removedSomething()).isTrue();
        assertThat(LAB.get().db().call(enforcer::installed)).isInstanceOf(InstalledState.Absent.class);
        assertThat(LAB.get().db().call(() -> Files.exists(enforcer.pins()))).isFalse();
        String filters = tc(LAB.get().db(), "filter show dev eth0 ingress");
        assertThat(filters).contains("bytecode").doesNotContain("pci_segment");
        assertThat(reaches(office, LAB.get().db(), IpFamily.V4, 5432)).isTrue();
        assertThat(LAB.get().db().call(enforcer::disable).removedSomething())
                .as("disable twice")
                .isFalse();
    }

    /** Echoes datagrams one at a time until stopped; returns {sent, lost}. Runs in the sender's namespace. */
    private static int[] udpStream(IpAddress to, int port, AtomicBoolean stop) throws IOException {
        int sent = 0;
        int lost = 0;
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(new InetSocketAddress(to.toInetAddress(), port));
            socket.setSoTimeout(500);
            DatagramPacket answer = new DatagramPacket(new byte[64], 64);
            while (!stop.get()) {
                byte[] token = Integer.toString(sent).getBytes(StandardCharsets.US_ASCII);
                socket.send(new DatagramPacket(token, token.length));
                sent++;
                try {
                    socket.receive(answer);
                    if (!Arrays.equals(token, Arrays.copyOf(answer.getData(), answer.getLength()))) {
                        lost++;
                    }
                } catch (SocketTimeoutException e) {
                    lost++;
                }
                sleepQuietly(5);
            }
        }
        return new int[] {sent, lost};
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Deletes the clsact qdisc (ours stays behind empty after disable; a test may add filters to it). */
    private static void removeClsact(Host host) {
        try {
            Process process = new ProcessBuilder("tc", "-n", host.namespace(), "qdisc", "del", "dev", "eth0", "clsact")
                    .redirectErrorStream(true)
                    .start();
            process.getInputStream().readAllBytes();
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String tc(Host host, String command) {
        List<String> arguments = new ArrayList<>(List.of("tc", "-n", host.namespace()));
        for (String word : command.split(" ")) {
            arguments.add(word.replace('_', ' '));
        }
        return TestNetwork.run(arguments);
    }
}
