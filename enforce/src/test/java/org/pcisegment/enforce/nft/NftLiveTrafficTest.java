package org.pcisegment.enforce.nft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pcisegment.core.ir.PolicyCompiler;
import org.pcisegment.core.ir.RuleSet;
import org.pcisegment.core.net.IpFamily;
import org.pcisegment.enforce.DesiredState;
import org.pcisegment.enforce.EnforcementException;
import org.pcisegment.enforce.Enforcer;
import org.pcisegment.enforce.InstalledState;
import org.pcisegment.enforce.ManagementAccess;
import org.pcisegment.enforce.testing.Host;
import org.pcisegment.enforce.testing.Lab;
import org.pcisegment.enforce.testing.LabTraffic;
import org.pcisegment.enforce.testing.LiveTrafficContract;
import org.pcisegment.enforce.testing.TestNetwork;

/**
 * nftables enforcement against real traffic: the shared contract (every lab flow as decide says,
 * management exception) plus nftables' own guarantees: changes keep allowed connections and cut
 * withdrawn ones, disable touches only our table, a refused or misread transaction rolls back.
 */
@Tag("kernel")
class NftLiveTrafficTest extends LiveTrafficContract {
    private final NftEnforcer enforcer = NftEnforcer.create(NftOptions.DEFAULTS);

    @Override
    protected Enforcer enforcer() {
        return enforcer;
    }

    @Override
    protected void afterDisable(Host host) {
        if (nft(host, "list tables").contains("bystander")) {
            nft(host, "delete table ip bystander");
        }
    }

    @Test
    void disableRemovesOurTableAndNothingElse() {
        RuleSet ruleSet = PolicyCompiler.compile(Lab.load(dir));
        Host office = LAB.get().network().get("office");
        nft(
                LAB.get().db(),
                "add table ip bystander; add chain ip bystander c { type filter hook input priority 10; policy accept; }");
        enforce(ruleSet, LAB.get().db(), ManagementAccess.none());
        assertThat(reaches(office, LAB.get().db(), IpFamily.V4, 5432)).isFalse();

        var removed = LAB.get().db().call(enforcer::disable);

        assertThat(removed.removedSomething()).isTrue();
        assertThat(LAB.get().db().call(enforcer::installed)).isInstanceOf(InstalledState.Absent.class);
        assertThat(nft(LAB.get().db(), "list tables"))
                .contains("table ip bystander")
                .doesNotContain("pci_segment");
        assertThat(reaches(office, LAB.get().db(), IpFamily.V4, 5432)).isTrue();
        assertThat(LAB.get().db().call(enforcer::disable).removedSomething())
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
        enforce(PolicyCompiler.compile(Lab.load(dir)), LAB.get().db(), ManagementAccess.none());
        InstalledState installed = LAB.get().db().call(enforcer::installed);
        RuleSet changed = LabTraffic.changeMonitoringPort(dir);
        DesiredState desired = LabTraffic.desired(changed, LAB.get().db(), ManagementAccess.none());

        assertThatThrownBy(() -> LAB.get().db().call(() -> faulty.apply(desired)))
                .isInstanceOfSatisfying(EnforcementException.class, e -> {
                    assertThat(e.previousStateKept()).isTrue();
                    assertThat(e.getMessage()).contains(message);
                });

        assertThat(LAB.get().db().call(enforcer::installed)).isEqualTo(installed);
        Host monitoring = LAB.get().network().get("mon");
        assertThat(reaches(monitoring, LAB.get().db(), family, 9100))
                .as("old rule in force")
                .isTrue();
        assertThat(reaches(monitoring, LAB.get().db(), family, 22))
                .as("new rule not in force")
                .isFalse();
    }

    /**
     * libnftables with one fault: either the kernel is handed a batch it must refuse (a jump to a
     * chain that does not exist, appended to our transaction), or the JSON read back names another
     * rule for an element (a ruleset that does not read back as applied).
     */
    static final class InjectedFailure implements NftClient {
        private final NftClient delegate;
        private final boolean refuseCommit;
        private boolean replaced;

        InjectedFailure(NftClient delegate, boolean refuseCommit) {
            this.delegate = delegate;
            this.refuseCommit = refuseCommit;
        }

        @Override
        public String run(String commands, Output output) {
            boolean isReplace = commands.startsWith("add table " + NftLayout.QUALIFIED_TABLE + "\ndelete table")
                    && commands.contains("{");
            if (refuseCommit && isReplace) {
                return delegate.run(
                        commands + "add rule " + NftLayout.QUALIFIED_TABLE + " input jump no_such_chain\n", output);
            }
            String printed = delegate.run(commands, output);
            // Only the read-back after our replacement is wrong: what was installed before reads true.
            replaced |= isReplace;
            if (!refuseCommit && replaced && output == Output.JSON && commands.startsWith("list table")) {
                replaced = false;
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

    private static String nft(Host host, String command) {
        return TestNetwork.run(List.of("ip", "netns", "exec", host.namespace(), "nft", command));
    }
}
