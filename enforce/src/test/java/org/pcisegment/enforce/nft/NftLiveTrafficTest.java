package org.pcisegment.enforce.nft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcisegment.core.ir.Flow;
import org.pcisegment.core.ir.PolicyCompiler;
import org.pcisegment.core.ir.RuleSet;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.IpFamily;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.enforce.DesiredState;
import org.pcisegment.enforce.EnforcementException;
import org.pcisegment.enforce.InstalledState;
import org.pcisegment.enforce.ManagementAccess;
import org.pcisegment.enforce.testing.FlowMatrix;
import org.pcisegment.enforce.testing.FlowMatrix.Outcome;
import org.pcisegment.enforce.testing.FlowMatrix.Service;
import org.pcisegment.enforce.testing.Host;
import org.pcisegment.enforce.testing.Lab;
import org.pcisegment.enforce.testing.Prober;
import org.pcisegment.enforce.testing.TestNetwork;

/**
 * nftables enforcement against real traffic: the lab's CDE hosts enforce the lab policies, and
 * real TCP and UDP connections over IPv4 and IPv6 must pass exactly when {@code RuleSet.decide}
 * allows them.
 */
@Tag("kernel")
class NftLiveTrafficTest {
    private static final Duration TIMEOUT = Duration.ofMillis(1200);
    private static final List<Service> SERVICES = List.of(
            Service.tcp(443),
            Service.tcp(5432),
            Service.tcp(9100),
            Service.tcp(22),
            Service.udp(53),
            Service.udp(161),
            Service.udp(514));

    /** One lab for the class (building it is the slow part); each test leaves it clean. */
    private static Lab lab;

    @TempDir
    Path dir;

    private final NftEnforcer enforcer = NftEnforcer.create(NftOptions.DEFAULTS);

    @BeforeAll
    static void startLab() {
        lab = Lab.start();
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @BeforeEach
    void writePolicies() {
        Lab.writeFiles(dir);
    }

    @AfterEach
    void removeEnforcement() {
        for (Host host : List.of(lab.db(), lab.app())) {
            host.call(enforcer::disable);
            if (nft(host, "list tables").contains("bystander")) {
                nft(host, "delete table ip bystander");
            }
        }
    }

    @Test
    void everyFlowPassesExactlyWhenDecideAllowsIt() {
        RuleSet ruleSet = PolicyCompiler.compile(Lab.load(dir));
        enforce(ruleSet, lab.db(), ManagementAccess.none());
        enforce(ruleSet, lab.app(), ManagementAccess.none());

        List<FlowMatrix.Probe> probes = FlowMatrix.probes(lab.hosts(), NftLiveTrafficTest::isCde, SERVICES);
        List<Outcome> outcomes =
                FlowMatrix.run(probes, flow -> ruleSet.decide(flow).allowed(), TIMEOUT);

        assertThat(outcomes).hasSizeGreaterThanOrEqualTo(40);
        assertThat(outcomes).anyMatch(o -> o.expected()).anyMatch(o -> !o.expected());
        assertThat(outcomes)
                .anyMatch(o -> o.expected() && o.probe().flow().protocol() == Protocol.UDP)
                .anyMatch(o -> o.expected() && o.probe().flow().destination().family() == IpFamily.V6);
        assertThat(FlowMatrix.mismatches(outcomes))
                .as("false negatives and false positives")
                .isEmpty();
    }

    @Test
    void managementExceptionAdmitsTheAdminNetworkOnly() {
        RuleSet ruleSet = PolicyCompiler.compile(Lab.load(dir));
        ManagementAccess management =
                ManagementAccess.fromFlags(List.of("10.77.20.0/24", "fd77:20::/64"), List.of("22"));
        enforce(ruleSet, lab.db(), management);
        Host monitoring = lab.network().get("mon");
        Host office = lab.network().get("office");

        assertThat(ruleSet.decide(tcpFlow(monitoring, lab.db(), IpFamily.V4, 22))
                        .allowed())
                .isFalse();
        for (IpFamily family : IpFamily.values()) {
            assertThat(reaches(monitoring, lab.db(), family, 22))
                    .as("admin network, %s", family)
                    .isTrue();
            assertThat(reaches(office, lab.db(), family, 22))
                    .as("office, %s", family)
                    .isFalse();
        }
    }

    @Test
    void reapplyingAChangedPolicyKeepsAllowedConnectionsAndCutsWithdrawnOnes() throws Exception {
        RuleSet before = PolicyCompiler.compile(Lab.load(dir));
        enforce(before, lab.db(), ManagementAccess.none());
        enforce(before, lab.app(), ManagementAccess.none());
        Host monitoring = lab.network().get("mon");
        Socket database = open(lab.app(), lab.db().address(IpFamily.V4), 5432);
        Socket metrics = open(monitoring, lab.db().address(IpFamily.V6), 9100);
        assertThat(echo(database)).isTrue();
        assertThat(echo(metrics)).isTrue();

        enforce(changeMonitoringPort(), lab.db(), ManagementAccess.none());

        assertThat(echo(database))
                .as("the long connection on a still-allowed port survives")
                .isTrue();
        assertThat(echo(metrics))
                .as("a connection the new policy withdraws stops passing")
                .isFalse();
        assertThat(reaches(monitoring, lab.db(), IpFamily.V4, 22)).isTrue();
        assertThat(reaches(monitoring, lab.db(), IpFamily.V4, 9100)).isFalse();
        database.close();
        metrics.close();
    }

    @Test
    void disableRemovesOurTableAndNothingElse() {
        RuleSet ruleSet = PolicyCompiler.compile(Lab.load(dir));
        Host office = lab.network().get("office");
        nft(
                lab.db(),
                "add table ip bystander; add chain ip bystander c { type filter hook input priority 10; policy accept; }");
        enforce(ruleSet, lab.db(), ManagementAccess.none());
        assertThat(reaches(office, lab.db(), IpFamily.V4, 5432)).isFalse();

        var removed = lab.db().call(enforcer::disable);

        assertThat(removed.removedSomething()).isTrue();
        assertThat(lab.db().call(enforcer::installed)).isInstanceOf(InstalledState.Absent.class);
        assertThat(nft(lab.db(), "list tables")).contains("table ip bystander").doesNotContain("pci_segment");
        assertThat(reaches(office, lab.db(), IpFamily.V4, 5432)).isTrue();
        assertThat(lab.db().call(enforcer::disable).removedSomething())
                .as("disable twice")
                .isFalse();
    }

    @Test
    void aRefusedTransactionKeepsThePreviousRules() throws IOException {
        NftEnforcer failing =
                new NftEnforcer(new InjectedFailure(Libnftables.open().orElseThrow(), true), NftOptions.DEFAULTS);

        assertFailedChangeKeepsPreviousRules(failing, "nftables refused the ruleset", IpFamily.V4);
    }

    @Test
    void aRulesetThatReadsBackWrongIsRolledBack() throws IOException {
        NftEnforcer corrupting =
                new NftEnforcer(new InjectedFailure(Libnftables.open().orElseThrow(), false), NftOptions.DEFAULTS);

        assertFailedChangeKeepsPreviousRules(corrupting, "previous ruleset was restored", IpFamily.V6);
    }

    /**
     * Enforces the lab policies on the database, then tries to apply the monitoring port change
     * (9100 to 22) through {@code faulty}: the attempt must fail saying {@code message}, and the
     * first ruleset must be installed and in force afterwards.
     */
    private void assertFailedChangeKeepsPreviousRules(NftEnforcer faulty, String message, IpFamily family)
            throws IOException {
        enforce(PolicyCompiler.compile(Lab.load(dir)), lab.db(), ManagementAccess.none());
        InstalledState installed = lab.db().call(enforcer::installed);
        RuleSet changed = changeMonitoringPort();
        DesiredState desired = desired(changed, lab.db(), ManagementAccess.none());

        assertThatThrownBy(() -> lab.db().call(() -> faulty.apply(desired)))
                .isInstanceOfSatisfying(EnforcementException.class, e -> {
                    assertThat(e.previousStateKept()).isTrue();
                    assertThat(e.getMessage()).contains(message);
                });

        assertThat(lab.db().call(enforcer::installed)).isEqualTo(installed);
        Host monitoring = lab.network().get("mon");
        assertThat(reaches(monitoring, lab.db(), family, 9100))
                .as("old rule in force")
                .isTrue();
        assertThat(reaches(monitoring, lab.db(), family, 22))
                .as("new rule not in force")
                .isFalse();
    }

    /** Changes the database's monitoring port from 9100 to 22 in the policy files; returns the new rules. */
    private RuleSet changeMonitoringPort() throws IOException {
        Path policy = dir.resolve("policies/cde-database.yaml");
        Files.writeString(
                policy, Files.readString(policy).replace("{protocol: TCP, port: 9100}", "{protocol: TCP, port: 22}"));
        return PolicyCompiler.compile(Lab.load(dir));
    }

    /**
     * libnftables with one fault: either the kernel is handed a batch it must refuse (a jump to a
     * chain that does not exist, appended to our transaction), or the JSON read back names another
     * rule for an element (a ruleset that does not read back as applied).
     */
    private record InjectedFailure(NftClient delegate, boolean refuseCommit) implements NftClient {
        @Override
        public String run(String commands, Output output) {
            boolean isReplace = commands.startsWith("add table " + NftLayout.QUALIFIED_TABLE + "\ndelete table")
                    && commands.contains("{");
            if (refuseCommit && isReplace) {
                return delegate.run(
                        commands + "add rule " + NftLayout.QUALIFIED_TABLE + " input jump no_such_chain\n", output);
            }
            String printed = delegate.run(commands, output);
            if (!refuseCommit && output == Output.JSON && commands.startsWith("list table")) {
                return printed.replace(
                        "\"comment\": \"cde-database ingress[1]\"", "\"comment\": \"cde-database ingress[9]\"");
            }
            return printed;
        }

        @Override
        public void check(String commands) {
            delegate.check(commands);
        }

        @Override
        public String describe() {
            return "libnftables with an injected failure";
        }
    }

    private DesiredState desired(RuleSet ruleSet, Host host, ManagementAccess management) {
        return DesiredState.of(
                ruleSet,
                ruleSet.inventory().byName(Lab.workloadOf(host)).orElseThrow(),
                management,
                Instant.now(),
                "test");
    }

    private void enforce(RuleSet ruleSet, Host host, ManagementAccess management) {
        DesiredState desired = desired(ruleSet, host, management);
        host.call(() -> enforcer.apply(desired));
    }

    private static boolean isCde(Host host) {
        return host.role().equals("db") || host.role().equals("app");
    }

    private static Flow tcpFlow(Host from, Host to, IpFamily family, int port) {
        return new Flow(from.address(family), to.address(family), Protocol.TCP, port);
    }

    private static boolean reaches(Host from, Host to, IpFamily family, int port) {
        return Prober.reaches(from, to.address(family), Protocol.TCP, port, TIMEOUT);
    }

    private static String nft(Host host, String command) {
        return TestNetwork.run(List.of("ip", "netns", "exec", host.namespace(), "nft", command));
    }

    /** A TCP connection opened inside {@code from}'s namespace, left open for the test. */
    private static Socket open(Host from, IpAddress to, int port) {
        return from.call(() -> {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress(to.toInetAddress(), port), (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            return socket;
        });
    }

    /** Whether one byte sent on the connection comes back. */
    private static boolean echo(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        out.write(7);
        out.flush();
        try {
            return in.read() == 7;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }
}
