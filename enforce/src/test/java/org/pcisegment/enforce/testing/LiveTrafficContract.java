package org.pcisegment.enforce.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pcisegment.core.ir.PolicyCompiler;
import org.pcisegment.core.ir.RuleSet;
import org.pcisegment.core.net.IpFamily;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.enforce.DesiredState;
import org.pcisegment.enforce.Enforcer;
import org.pcisegment.enforce.ManagementAccess;
import org.pcisegment.enforce.testing.FlowMatrix.Outcome;
import org.pcisegment.enforce.testing.FlowMatrix.Service;

/**
 * What every enforcement backend must do with real traffic, run once per backend by a subclass
 * that supplies the {@link Enforcer}: in the lab, with the CDE hosts enforcing the lab policies,
 * every TCP and UDP flow over IPv4 and IPv6 passes exactly when {@code RuleSet.decide} allows it
 * (no false negative, no false positive), and the management exception admits the admin network
 * and nobody else.
 */
@Tag("kernel")
public abstract class LiveTrafficContract {
    protected static final Duration TIMEOUT = Duration.ofMillis(1200);
    protected static final List<Service> SERVICES = List.of(
            Service.tcp(443),
            Service.tcp(5432),
            Service.tcp(9100),
            Service.tcp(22),
            Service.udp(53),
            Service.udp(161),
            Service.udp(514));

    /** One lab per test class (building it is the slow part); each test leaves it clean. */
    @RegisterExtension
    protected static final SharedLab LAB = new SharedLab();

    @TempDir
    protected Path dir;

    /** The backend under test; called on the test thread, used inside the hosts' namespaces. */
    protected abstract Enforcer enforcer();

    /** Backend-specific cleanup of a CDE host after {@code disable} (objects a test added). */
    protected void afterDisable(Host host) {}

    @BeforeEach
    void writePolicies() {
        Lab.writeFiles(dir);
    }

    @AfterEach
    void removeEnforcement() {
        Enforcer enforcer = enforcer();
        for (Host host : List.of(LAB.get().db(), LAB.get().app())) {
            host.call(enforcer::disable);
            afterDisable(host);
        }
    }

    @Test
    void everyFlowPassesExactlyWhenDecideAllowsIt() {
        RuleSet ruleSet = PolicyCompiler.compile(Lab.load(dir));
        enforce(ruleSet, LAB.get().db(), ManagementAccess.none());
        enforce(ruleSet, LAB.get().app(), ManagementAccess.none());

        List<FlowMatrix.Probe> probes = FlowMatrix.probes(LAB.get().hosts(), LabTraffic::isCde, SERVICES);
        List<Outcome> outcomes =
                FlowMatrix.run(probes, flow -> ruleSet.decide(flow).allowed(), TIMEOUT);

        assertThat(outcomes).hasSizeGreaterThanOrEqualTo(40);
        assertThat(outcomes).anyMatch(Outcome::expected).anyMatch(o -> !o.expected());
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
        enforce(ruleSet, LAB.get().db(), management);
        Host monitoring = LAB.get().network().get("mon");
        Host office = LAB.get().network().get("office");

        assertThat(ruleSet.decide(LabTraffic.tcpFlow(monitoring, LAB.get().db(), IpFamily.V4, 22))
                        .allowed())
                .isFalse();
        for (IpFamily family : IpFamily.values()) {
            assertThat(reaches(monitoring, LAB.get().db(), family, 22))
                    .as("admin network, %s", family)
                    .isTrue();
            assertThat(reaches(office, LAB.get().db(), family, 22))
                    .as("office, %s", family)
                    .isFalse();
        }
    }

    @Test
    void aChangeKeepsAllowedConnectionsAndCutsWithdrawnOnes() throws Exception {
        RuleSet before = PolicyCompiler.compile(Lab.load(dir));
        enforce(before, LAB.get().db(), ManagementAccess.none());
        enforce(before, LAB.get().app(), ManagementAccess.none());
        Host monitoring = LAB.get().network().get("mon");
        try (Socket database = LabTraffic.open(LAB.get().app(), LAB.get().db().address(IpFamily.V4), 5432, TIMEOUT);
                Socket metrics = LabTraffic.open(monitoring, LAB.get().db().address(IpFamily.V6), 9100, TIMEOUT)) {
            assertThat(LabTraffic.echo(database)).isTrue();
            assertThat(LabTraffic.echo(metrics)).isTrue();

            RuleSet changed = LabTraffic.changeMonitoringPort(dir);
            applyChange(() -> enforce(changed, LAB.get().db(), ManagementAccess.none()));

            assertThat(LabTraffic.echo(database))
                    .as("the long connection on a still-allowed port survives")
                    .isTrue();
            assertThat(LabTraffic.echo(metrics))
                    .as("a connection the new policy withdraws stops passing")
                    .isFalse();
            assertThat(reaches(monitoring, LAB.get().db(), IpFamily.V4, 22)).isTrue();
            assertThat(reaches(monitoring, LAB.get().db(), IpFamily.V4, 9100)).isFalse();
        }
    }

    /**
     * Runs the policy change of {@link #aChangeKeepsAllowedConnectionsAndCutsWithdrawnOnes}; a
     * backend may watch traffic or kernel objects around it and assert on what it saw.
     */
    protected void applyChange(Runnable change) throws Exception {
        change.run();
    }

    /** Applies the lab host's desired state through the backend, inside the host's namespace. */
    protected void enforce(RuleSet ruleSet, Host host, ManagementAccess management) {
        DesiredState desired = LabTraffic.desired(ruleSet, host, management);
        Enforcer enforcer = enforcer();
        host.call(() -> enforcer.apply(desired));
    }

    /** Whether a TCP connection from one lab host reaches another on a port (and echoes). */
    protected static boolean reaches(Host from, Host to, IpFamily family, int port) {
        return Prober.reaches(from, to.address(family), Protocol.TCP, port, TIMEOUT);
    }
}
