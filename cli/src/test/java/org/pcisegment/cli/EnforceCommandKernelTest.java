package org.pcisegment.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pcisegment.core.json.Json;
import org.pcisegment.core.net.IpFamily;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.enforce.Backends;
import org.pcisegment.enforce.nft.FaultyNft;
import org.pcisegment.enforce.testing.Host;
import org.pcisegment.enforce.testing.Lab;
import org.pcisegment.enforce.testing.Prober;
import org.pcisegment.enforce.testing.SharedLab;
import tools.jackson.databind.JsonNode;

/** The commands end to end on the nftables backend, inside the lab's database host. */
@Tag("kernel")
class EnforceCommandKernelTest {
    private static final Duration TIMEOUT = Duration.ofMillis(1200);

    @RegisterExtension
    static final SharedLab LAB = new SharedLab();

    @TempDir
    Path dir;

    private String policies;
    private String inventory;
    private String audit;

    @BeforeEach
    void writeFiles() {
        Lab.writeFiles(dir);
        policies = dir.resolve("policies").toString();
        inventory = dir.resolve("inventory.yaml").toString();
        audit = dir.resolve("audit").toString();
    }

    @AfterEach
    void removeEnforcement() {
        LAB.get().db().call(() -> Backends.create("nft").disable());
    }

    private Cli onDatabase(EnforcerSource enforcers, String... args) {
        return LAB.get().db().call(() -> Cli.run(enforcers, args));
    }

    private static boolean officeReachesDatabase() {
        Host office = LAB.get().network().get("office");
        return Prober.reaches(office, LAB.get().db().address(IpFamily.V4), Protocol.TCP, 5432, TIMEOUT);
    }

    @Test
    void enforceFindsItsHostThenStatusCountsPerPolicyRuleThenDisableRemovesIt() {
        Cli enforced = onDatabase(
                EnforcerSource.DEFAULT, "enforce", "-f", policies, "--inventory", inventory, "--audit-dir", audit);

        assertThat(enforced.exitCode()).as(enforced.err()).isEqualTo(ExitCode.OK);
        assertThat(enforced.out())
                .contains("[OK] Loaded 2 polic(ies)\n")
                .contains("[OK] Policy 'cde-database' covers: [Req 1.3.1, Req 1.3.2]\n")
                .contains("[STARTING] PCI-DSS enforcement...\nHost: cde-db ")
                .contains("  + ingress tcp from 10.77.1.10 port 5432 [cde-database ingress[0]]\n")
                .endsWith("[OK] Enforcement active\n");
        assertThat(officeReachesDatabase()).isFalse();
        Host app = LAB.get().app();
        assertThat(Prober.reaches(app, LAB.get().db().address(IpFamily.V6), Protocol.TCP, 5432, TIMEOUT))
                .isTrue();

        Cli status = onDatabase(EnforcerSource.DEFAULT, "status");
        JsonNode json = Json.MAPPER.readTree(
                onDatabase(EnforcerSource.DEFAULT, "status", "--format", "json").out());

        assertThat(status.out())
                .contains("Backend: nft")
                .contains("Status: ACTIVE")
                .contains("Rules: 14\n");
        assertThat(json.path("rules").asInt()).isEqualTo(14);
        assertThat(json.path("ruleSetSha256").asString()).hasSize(64);
        JsonNode databaseRule = null;
        JsonNode defaultDeny = null;
        for (JsonNode counter : json.path("counters").values()) {
            if (counter.path("rule").asString().equals("cde-database ingress[0]")) {
                databaseRule = counter;
            }
            if (counter.path("rule").asString().equals("default deny")
                    && counter.path("direction").asString().equals("ingress")) {
                defaultDeny = counter;
            }
        }
        assertThat(databaseRule).isNotNull();
        assertThat(databaseRule.path("packets").asLong())
                .as("the app's connection was counted")
                .isPositive();
        assertThat(defaultDeny).isNotNull();
        assertThat(defaultDeny.path("packets").asLong())
                .as("the office's SYNs were counted")
                .isPositive();

        Cli disabled = onDatabase(EnforcerSource.DEFAULT, "disable", "--audit-dir", audit);

        assertThat(disabled.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(disabled.out()).contains("[OK] Enforcement disabled");
        assertThat(onDatabase(EnforcerSource.DEFAULT, "status").out()).contains("Status: NOT INSTALLED");
        assertThat(officeReachesDatabase()).isTrue();
        assertThat(Cli.auditActions(dir.resolve("audit")))
                .filteredOn(a -> a.startsWith("policy-") || a.startsWith("enforcement-"))
                .containsExactly("policy-applied", "policy-removed");
    }

    @Test
    void aFailingApplyExitsThreeAndTheOldRulesStayInForce() throws IOException {
        Cli first = onDatabase(
                EnforcerSource.DEFAULT, "enforce", "-f", policies, "--inventory", inventory, "--audit-dir", audit);
        assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCode.OK);
        String statusBefore =
                onDatabase(EnforcerSource.DEFAULT, "status", "--format", "json").out();
        Path policy = dir.resolve("policies/cde-database.yaml");
        Files.writeString(policy, Files.readString(policy).replace("port: 5432", "port: 5433"));

        Cli failed = onDatabase(
                name -> FaultyNft.refusingCommits(),
                "enforce",
                "-f",
                policies,
                "--inventory",
                inventory,
                "--audit-dir",
                audit);

        assertThat(failed.exitCode()).isEqualTo(ExitCode.OPERATION);
        assertThat(failed.err())
                .contains("[FAILED] Enforcement failed: nftables refused the ruleset, nothing was changed")
                .contains("The previous ruleset is still in force.");
        assertThat(failed.out()).doesNotContain("[OK] Enforcement active");
        JsonNode before = Json.MAPPER.readTree(statusBefore);
        JsonNode after = Json.MAPPER.readTree(
                onDatabase(EnforcerSource.DEFAULT, "status", "--format", "json").out());
        assertThat(after.path("ruleSetSha256")).isEqualTo(before.path("ruleSetSha256"));
        assertThat(after.path("appliedAt")).isEqualTo(before.path("appliedAt"));
        assertThat(Prober.reaches(LAB.get().app(), LAB.get().db().address(IpFamily.V4), Protocol.TCP, 5432, TIMEOUT))
                .as("the old rule still admits the app on 5432")
                .isTrue();
        assertThat(Cli.auditActions(dir.resolve("audit")))
                .filteredOn(a -> a.startsWith("policy-") || a.startsWith("enforcement-"))
                .containsExactly("policy-applied", "enforcement-failed");
    }
}
