package org.pcisegment.cloud.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pcisegment.audit.EventAction;
import org.pcisegment.audit.Outcome;
import org.pcisegment.audit.RecordingAuditSink;
import org.pcisegment.cloud.ApplyReport;
import org.pcisegment.cloud.CloudConfig;
import org.pcisegment.cloud.CloudFinding;
import org.pcisegment.cloud.CloudReport;
import org.pcisegment.cloud.CloudReportWriter;
import org.pcisegment.cloud.CloudState;
import org.pcisegment.cloud.CloudSync;
import org.pcisegment.cloud.FakeHttp;
import org.pcisegment.cloud.Golden;
import org.pcisegment.cloud.GroupNames;
import org.pcisegment.cloud.Plan;
import org.pcisegment.cloud.PlanWriter;
import org.pcisegment.cloud.Scenario;
import org.pcisegment.core.json.Json;
import org.pcisegment.core.load.PolicySet;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The real Azure network management client against a local ARM endpoint with state: sync, validate,
 * drift and repair, idempotence, throttling, and a failure part-way that a re-run repairs.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AzureScenarioTest {
    private static final String RG = "rg-payments";
    private static final String APP_NSG = GroupNames.of("pci-segment-", List.of("cde-payment-api", "cde-isolation"));
    private static final String DB_NSG = GroupNames.of("pci-segment-", List.of("cde-database-access", "cde-isolation"));

    @TempDir
    Path work;

    private FakeArm arm;
    private CloudConfig config;
    private AzureProvider provider;
    private final PolicySet policies = Scenario.policies();
    private final RecordingAuditSink audit = new RecordingAuditSink();
    private String webNsg;

    @BeforeEach
    void start() throws Exception {
        arm = new FakeArm(Scenario.SUBSCRIPTION, RG, 2, work);
        webNsg = arm.addNsg("web-nsg", Map.of("team", "web"));
        arm.addNic("payment-api-nic", "vnet-payments", Map.of("pci-env", "cde", "tier", "app"), Optional.empty());
        arm.addNic("payment-db-nic", "vnet-payments", Map.of("pci-env", "cde", "tier", "database"), Optional.empty());
        arm.addNic("web-nic", "vnet-payments", Map.of("zone", "dmz"), Optional.of(webNsg));
        arm.addNic("other-nic", "vnet-other", Map.of("pci-env", "cde", "tier", "app"), Optional.empty());
        config = Scenario.azureConfig(arm.endpoint());
        // A fixed token through the SDK's own TokenCredential interface, for the local fake only.
        TokenCredential credential = request ->
                Mono.just(new AccessToken(FakeArm.TOKEN, OffsetDateTime.now().plusHours(1)));
        provider = AzureProvider.open(
                config,
                credential,
                new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(arm.clientContext()))
                        .build());
    }

    @AfterEach
    void stop() {
        provider.close();
        arm.close();
    }

    private Scenario.Run sync() {
        return Scenario.sync(provider, config, policies, audit);
    }

    private CloudReport validate() {
        return Scenario.validate(provider, config, policies);
    }

    private String nicId(String name) {
        return "/subscriptions/" + Scenario.SUBSCRIPTION + "/resourceGroups/" + RG
                + "/providers/Microsoft.Network/networkInterfaces/" + name;
    }

    @Test
    void firstPlanMatchesGoldenFile() {
        Plan plan = CloudSync.plan(policies, config, provider, provider.read());
        Golden.check("azure-plan.txt", PlanWriter.write(plan, provider.rules()));
    }

    @Test
    void syncThenValidateIsCleanAndSecondSyncChangesNothing() {
        assertThat(validate().findings())
                .extracting(CloudFinding::check)
                .contains("MISSING-GROUP", "CDE-UNPROTECTED", "CDE-EGRESS-UNRESTRICTED");

        Scenario.Run first = sync();
        assertThat(first.report().succeeded()).isTrue();
        assertThat(audit.events(EventAction.CLOUD_CHANGED))
                .hasSize(first.plan().changes().size());

        Map<String, JsonNode> appRules = arm.rulesOf(APP_NSG);
        assertThat(appRules.get("deny-all-inbound").get("priority").asInt()).isEqualTo(4096);
        assertThat(appRules.get("deny-all-outbound").get("access").asString()).isEqualTo("Deny");
        for (String direction : List.of("Inbound", "Outbound")) {
            assertThat(appRules.values())
                    .filteredOn(r -> r.get("access").asString().equals("Allow"))
                    .filteredOn(r -> r.get("direction").asString().equals(direction))
                    .extracting(r -> r.get("priority").asInt())
                    .isNotEmpty()
                    .allMatch(p -> p >= 100 && p < 4096)
                    .doesNotHaveDuplicates();
        }
        assertThat(appRules.values())
                .extracting(r -> r.get("destinationAddressPrefix").asString())
                .contains("fd00:1::20/128", "10.0.1.20/32", "10.0.10.0/24");
        assertThat(arm.nsgOfNic("payment-api-nic"))
                .hasValue(arm.nsg(APP_NSG).orElseThrow().get("id").asString());
        assertThat(arm.nsgOfNic("payment-db-nic"))
                .hasValue(arm.nsg(DB_NSG).orElseThrow().get("id").asString());
        assertThat(arm.nsgOfNic("web-nic")).hasValue(webNsg);
        assertThat(arm.nsgOfNic("other-nic")).isEmpty();
        assertThat(arm.nsg("pci-segment-cde-isolation"))
                .as("one NSG per policy too")
                .isPresent();

        assertThat(validate().findings()).isEmpty();

        int mutating = arm.mutatingCalls();
        Scenario.Run second = sync();
        assertThat(second.plan().isEmpty()).isTrue();
        assertThat(arm.mutatingCalls()).isEqualTo(mutating);
    }

    @Test
    void longRunningOperationsArePolledUntilTheyFinish() {
        arm.inProgressPolls = 1;
        PolicySet one = org.pcisegment.core.load.PolicySetLoader.load(
                List.of(Scenario.resource("policies/cde-database.yaml").toString()),
                List.of(Scenario.resource("inventory.yaml").toString()));
        CloudState state = provider.read();
        Plan plan = CloudSync.plan(one, config, provider, state);
        assertThat(CloudSync.apply(plan, state, one, config, provider, audit).succeeded())
                .isTrue();
        assertThat(arm.calls("GET operation"))
                .as("polled InProgress, then Succeeded")
                .isEqualTo(2);
        assertThat(arm.nsg("pci-segment-cde-database-access")).isPresent();
    }

    @Test
    void manualChangeIsReportedAsDriftAndRepaired() {
        sync();
        // Someone opens RDP from anywhere, widens a rule in place, and deletes the outbound deny.
        ObjectNode rdp = Json.object();
        rdp.put("protocol", "Tcp");
        rdp.put("sourcePortRange", "*");
        rdp.put("destinationPortRange", "3389");
        rdp.put("sourceAddressPrefix", "*");
        rdp.put("destinationAddressPrefix", "*");
        rdp.put("access", "Allow");
        rdp.put("priority", 200);
        rdp.put("direction", "Inbound");
        arm.putRuleByHand(DB_NSG, "rdp-debug", rdp);
        String dbIngress = arm.rulesOf(DB_NSG).entrySet().stream()
                .filter(e -> e.getValue().get("sourceAddressPrefix").asString().equals("10.0.1.0/24"))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
        ObjectNode widened = (ObjectNode) arm.rulesOf(DB_NSG).get(dbIngress).deepCopy();
        widened.put("sourceAddressPrefix", "10.0.0.0/8");
        arm.putRuleByHand(DB_NSG, dbIngress, widened);
        arm.deleteRuleByHand(DB_NSG, "deny-all-outbound");

        CloudReport drift = validate();
        assertThat(drift.compliant()).isFalse();
        assertThat(drift.findings())
                .extracting(CloudFinding::check, CloudFinding::requirement)
                .contains(
                        tuple("EXTRA-RULE", "1.2.8"),
                        tuple("CHANGED-RULE", "1.2.8"),
                        tuple("MISSING-RULE", "1.2.8"),
                        tuple("CDE-OPEN-TO-WORLD", "1.3.1"),
                        tuple("CDE-EGRESS-UNRESTRICTED", "1.3.2"));
        Golden.check("azure-drift.txt", CloudReportWriter.text(drift));

        assertThat(sync().report().succeeded()).isTrue();
        assertThat(arm.rulesOf(DB_NSG)).doesNotContainKey("rdp-debug").containsKey("deny-all-outbound");
        assertThat(arm.rulesOf(DB_NSG).get(dbIngress).get("sourceAddressPrefix").asString())
                .isEqualTo("10.0.1.0/24");
        assertThat(validate().findings()).isEmpty();
    }

    @Test
    void throttlingAndServerErrorsAreRetried() {
        arm.faults.failNext("GET networkSecurityGroups", 1, new FakeHttp.Fault(429, "TooManyRequests", "slow down"));
        arm.faults.failNext("PUT securityRules", 2, new FakeHttp.Fault(429, "TooManyRequests", "slow down"));
        arm.faults.failNext("PUT networkSecurityGroup", 1, new FakeHttp.Fault(503, "ServiceUnavailable", "busy"));
        arm.faults.failNext("PUT networkInterface", 1, new FakeHttp.Fault(500, "InternalServerError", "oops"));

        Scenario.Run result = sync();

        assertThat(result.report().succeeded()).isTrue();
        long rulePuts = result.plan().changes().stream()
                .filter(c -> c instanceof org.pcisegment.cloud.Change.AddRule)
                .count();
        assertThat(arm.calls("PUT securityRules")).isEqualTo(rulePuts + 2);
        assertThat(validate().findings()).isEmpty();
    }

    @Test
    void failurePartWayReportsWhatWasAppliedAndReRunConverges() {
        arm.faults.passNext("PUT securityRules", 5);
        arm.faults.failNext("PUT securityRules", 1, new FakeHttp.Fault(403, "AuthorizationFailed", "not allowed"));

        Scenario.Run broken = sync();

        ApplyReport report = broken.report();
        assertThat(report.succeeded()).isFalse();
        assertThat(report.failure()).hasValueSatisfying(f -> assertThat(f).contains("AuthorizationFailed"));
        assertThat(report.applied()).hasSizeGreaterThan(5);
        assertThat(report.applied().size() + report.notApplied().size())
                .isEqualTo(broken.plan().changes().size());
        assertThat(audit.events(EventAction.CLOUD_CHANGED))
                .filteredOn(e -> e.outcome() == Outcome.FAILURE)
                .hasSize(1);

        Scenario.Run rerun = sync();
        assertThat(rerun.report().succeeded()).isTrue();
        assertThat(rerun.plan().changes()).hasSize(report.notApplied().size());
        assertThat(validate().findings()).isEmpty();
        assertThat(sync().plan().isEmpty()).isTrue();
    }

    @Test
    void nonCdeNicWithForeignNsgBlocksThePlanInsteadOfBeingTakenOver() {
        String text = """
                apiVersion: pci-segment/v1
                kind: NetworkPolicy
                metadata: {name: web-tier}
                spec:
                  podSelector: {matchLabels: {zone: dmz}}
                  ingress:
                    - from: [{ipBlock: {cidr: 10.0.0.0/16}}]
                      ports: [{protocol: TCP, port: 443}]
                """;
        PolicySet web = org.pcisegment.core.load.PolicySetLoader.fromSources(
                List.of(new org.pcisegment.core.source.SourceFile(
                        "web.yaml", text, org.pcisegment.core.source.YamlLoader.parse("web.yaml", text))),
                List.of());

        Plan plan = CloudSync.plan(web, config, provider, provider.read());

        assertThat(plan.conflicts())
                .singleElement()
                .satisfies(c -> assertThat(c).contains("web-nic", "web-nsg", "not ours"));
        assertThat(PlanWriter.write(plan, provider.rules())).contains("Blocked (nothing will be applied)");
    }
}
