package org.pcisegment.enforce.pf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcisegment.core.ir.Action;
import org.pcisegment.core.ir.PolicyCompiler;
import org.pcisegment.core.ir.RuleSet;
import org.pcisegment.core.load.PolicySet;
import org.pcisegment.core.load.PolicySetLoader;
import org.pcisegment.core.testing.TestPolicySets;
import org.pcisegment.enforce.Applied;
import org.pcisegment.enforce.DesiredState;
import org.pcisegment.enforce.EnforcementException;
import org.pcisegment.enforce.EnforcementStatus;
import org.pcisegment.enforce.InstalledState;
import org.pcisegment.enforce.ManagementAccess;
import org.pcisegment.enforce.testing.FakePfctl;
import org.pcisegment.enforce.testing.Golden;
import org.pcisegment.enforce.testing.Lab;

class PfEnforcerTest {
    private static final Instant GENERATED = Instant.parse("2025-10-10T14:30:00Z");

    @TempDir
    Path dir;

    private final FakePfctl pfctl = new FakePfctl();

    private static DesiredState desired(PolicySet set, String host, ManagementAccess management) {
        RuleSet ruleSet = PolicyCompiler.compile(set);
        return DesiredState.of(ruleSet, set.inventory().byName(host).orElseThrow(), management, GENERATED, "0.1.0");
    }

    private static DesiredState seedExample() {
        Path examples = TestPolicySets.examples();
        PolicySet set = PolicySetLoader.load(
                List.of(examples.resolve("policies/cde-isolation.yaml").toString()),
                List.of(examples.resolve("inventory.yaml").toString()));
        return desired(set, "payment-db", ManagementAccess.none());
    }

    private DesiredState labDatabase(ManagementAccess management) {
        return desired(Lab.load(Lab.writeFiles(dir.resolve("lab"))), "cde-db", management);
    }

    private PfEnforcer enforcer() {
        return new PfEnforcer(pfctl, dir.resolve("pf.anchors/pci-segment"));
    }

    @Test
    void rendersTheSeedExampleInTheOriginalShape() {
        String anchor = enforcer().render(seedExample());

        Golden.assertMatches(PfEnforcerTest.class, "cde-isolation.pf.golden", anchor);
        assertThat(anchor)
                .contains("# Default deny (PCI-DSS Req 1.3)\nblock drop all\n")
                .contains("# Policy: cde-isolation\n# PCI-DSS: Req 1.2, Req 1.3\n"
                        + "pass out proto tcp to 10.0.10.0/24 port 443\n"
                        + "pass in proto tcp from 10.0.20.0/24 to any port 9090\n");
    }

    @Test
    void rendersTheLabDatabaseWithManagementAccess() {
        ManagementAccess management =
                ManagementAccess.fromFlags(List.of("192.0.2.0/24"), List.of("22", "60000-60010/udp"));

        Golden.assertMatches(
                PfEnforcerTest.class, "lab-db.pf.golden", enforcer().render(labDatabase(management)));
    }

    @Test
    void appliesWithTheseExactPfctlCalls() {
        DesiredState desired = seedExample();
        Path anchor = dir.resolve("pf.anchors/pci-segment");
        Path staged = dir.resolve("pf.anchors/pci-segment.new");

        Applied applied = enforcer().apply(desired);

        assertThat(applied.plan().firstInstall()).isTrue();
        assertThat(pfctl.calls)
                .containsExactly(
                        List.of("pfctl", "-s", "info"),
                        List.of("pfctl", "-s", "rules"),
                        List.of("pfctl", "-a", "pci-segment", "-s", "rules"),
                        List.of("pfctl", "-a", "pci-segment", "-n", "-f", staged.toString()),
                        List.of("pfctl", "-a", "pci-segment", "-f", staged.toString()),
                        List.of("pfctl", "-a", "pci-segment", "-s", "rules"));
        assertThat(anchor).hasContent(enforcer().render(desired).stripTrailing());
        assertThat(staged).doesNotExist();
        assertThat(applied.installed().metadata()).contains(desired.metadata());
    }

    @Test
    void reappliesAChangeAndReportsWhatChanged() {
        enforcer().apply(seedExample());
        DesiredState lab = labDatabase(ManagementAccess.none());

        Applied applied = enforcer().apply(lab);

        assertThat(applied.plan().installedBefore()).isTrue();
        assertThat(applied.plan().policiesAdded()).containsExactly("cde-database");
        assertThat(applied.plan().policiesRemoved()).containsExactly("cde-isolation");
        assertThat(enforcer().diff(lab, enforcer().installed()).unchanged()).isTrue();
    }

    @Test
    void refusesWhenPfIsDisabledOrDoesNotEvaluateTheAnchor() {
        pfctl.enabled = false;
        assertThatThrownBy(() -> enforcer().apply(seedExample()))
                .isInstanceOfSatisfying(
                        EnforcementException.class,
                        e -> assertThat(e.previousStateKept()).isTrue())
                .hasMessageContaining("pf is disabled");

        pfctl.enabled = true;
        pfctl.anchorReferenced = false;
        assertThatThrownBy(() -> enforcer().apply(seedExample()))
                .hasMessageContaining("does not evaluate the anchor 'pci-segment'")
                .hasMessageContaining("anchor \"pci-segment\"");
        assertThat(dir.resolve("pf.anchors/pci-segment")).doesNotExist();
    }

    @Test
    void aRefusedLoadKeepsThePreviousAnchorAndFile() throws IOException {
        enforcer().apply(seedExample());
        Path anchor = dir.resolve("pf.anchors/pci-segment");
        String before = Files.readString(anchor);
        List<String> loadedBefore = List.copyOf(pfctl.loaded);
        pfctl.refuseLoads = true;

        assertThatThrownBy(() -> enforcer().apply(labDatabase(ManagementAccess.none())))
                .isInstanceOfSatisfying(
                        EnforcementException.class,
                        e -> assertThat(e.previousStateKept()).isTrue())
                .hasMessageContaining("pfctl refused the anchor");

        assertThat(Files.readString(anchor)).isEqualTo(before);
        assertThat(pfctl.loaded).isEqualTo(loadedBefore);
    }

    @Test
    void statusMapsPfctlCountersToTheAnchorLines() {
        enforcer().apply(seedExample());

        EnforcementStatus status = enforcer().status();

        assertThat(status.installed()).isTrue();
        assertThat(status.counters()).first().satisfies(c -> {
            assertThat(c.action()).isEqualTo(Action.DENY);
            assertThat(c.rule()).isEqualTo("default deny (block drop all)");
        });
        assertThat(status.counters())
                .filteredOn(c -> c.rule().startsWith("cde-isolation"))
                .extracting(c -> c.rule() + " " + c.packets() + " " + c.bytes())
                .containsExactly(
                        "cde-isolation: pass out proto tcp to 10.0.10.0/24 port 443 60 6000",
                        "cde-isolation: pass in proto tcp from 10.0.20.0/24 to any port 9090 70 7000");
    }

    @Test
    void disableFlushesOnlyOurAnchorAndDeletesItsFile() {
        enforcer().apply(seedExample());
        pfctl.calls.clear();

        assertThat(enforcer().disable().removedSomething()).isTrue();

        assertThat(pfctl.calls)
                .containsExactly(
                        List.of("pfctl", "-a", "pci-segment", "-s", "rules"),
                        List.of("pfctl", "-a", "pci-segment", "-F", "rules"));
        assertThat(dir.resolve("pf.anchors/pci-segment")).doesNotExist();
        assertThat(enforcer().installed()).isInstanceOf(InstalledState.Absent.class);
        assertThat(enforcer().disable().removedSomething()).isFalse();
    }
}
