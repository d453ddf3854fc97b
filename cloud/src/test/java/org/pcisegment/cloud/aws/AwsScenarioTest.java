package org.pcisegment.cloud.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pcisegment.audit.EventAction;
import org.pcisegment.audit.Outcome;
import org.pcisegment.audit.RecordingAuditSink;
import org.pcisegment.cloud.ApplyReport;
import org.pcisegment.cloud.CloudConfig;
import org.pcisegment.cloud.CloudFinding;
import org.pcisegment.cloud.CloudReport;
import org.pcisegment.cloud.CloudState;
import org.pcisegment.cloud.CloudSync;
import org.pcisegment.cloud.FakeHttp;
import org.pcisegment.cloud.Golden;
import org.pcisegment.cloud.Plan;
import org.pcisegment.cloud.PlanWriter;
import org.pcisegment.cloud.Scenario;
import org.pcisegment.core.load.PolicySet;

/**
 * The real EC2 client against a local EC2 endpoint with state: sync, validate, drift and repair,
 * idempotence, throttling, and a failure part-way that a re-run repairs.
 */
class AwsScenarioTest {
    private static final Map<String, String> CDE_APP = Map.of("Name", "payment-api", "pci-env", "cde", "tier", "app");
    private static final Map<String, String> CDE_DB =
            Map.of("Name", "payment-db", "pci-env", "cde", "tier", "database");

    private FakeEc2 ec2;
    private CloudConfig config;
    private AwsProvider provider;
    private final PolicySet policies = Scenario.policies();
    private final RecordingAuditSink audit = new RecordingAuditSink();
    private FakeEc2.Instance app;
    private FakeEc2.Instance db;
    private FakeEc2.Instance web;
    private FakeEc2.Group vpcDefault;

    @BeforeAll
    static void testCredentials() {
        // The SDK's own system-property provider, first in its default chain: test keys only.
        System.setProperty("aws.accessKeyId", "AKIDTESTONLY");
        System.setProperty("aws.secretAccessKey", "test-secret-for-the-local-fake");
    }

    @BeforeEach
    void start() throws Exception {
        ec2 = new FakeEc2(2); // two items per page: every describe pages
        vpcDefault = ec2.addGroup("default", Scenario.VPC, Map.of());
        app = ec2.addInstance(Scenario.VPC, CDE_APP, vpcDefault.id);
        db = ec2.addInstance(Scenario.VPC, CDE_DB, vpcDefault.id);
        web = ec2.addInstance(Scenario.VPC, Map.of("Name", "web-frontend", "zone", "dmz"), vpcDefault.id);
        ec2.addInstance("vpc-0ffffffffffffffff", CDE_APP, vpcDefault.id); // another VPC: out of scope
        config = Scenario.awsConfig(ec2.endpoint());
        provider = AwsProvider.open(config);
    }

    @AfterEach
    void stop() {
        provider.close();
        ec2.close();
    }

    private Scenario.Run sync() {
        return Scenario.sync(provider, config, policies, audit);
    }

    private CloudReport validate() {
        return Scenario.validate(provider, config, policies);
    }

    @Test
    void firstPlanMatchesGoldenFile() {
        Plan plan = CloudSync.plan(policies, config, provider, provider.read());
        Golden.check("aws-plan.txt", PlanWriter.write(plan, provider.rules()).replace(vpcDefault.id, "sg-default"));
    }

    @Test
    void syncThenValidateIsCleanAndSecondSyncChangesNothing() {
        CloudReport before = validate();
        assertThat(before.compliant()).isFalse();
        assertThat(before.findings()).extracting(CloudFinding::check).contains("MISSING-GROUP", "UNMANAGED-GROUP");

        Scenario.Run first = sync();
        assertThat(first.report().succeeded()).isTrue();
        assertThat(first.report().applied()).hasSize(first.plan().changes().size());
        assertThat(audit.events(EventAction.CLOUD_CHANGED))
                .hasSize(first.plan().changes().size())
                .allMatch(e -> e.outcome() == Outcome.SUCCESS);

        FakeEc2.Group appGroup = ec2.groupNamed("pci-segment-cde-payment-api").orElseThrow();
        assertThat(appGroup.tags).containsEntry("managed-by", "pci-segment");
        assertThat(appGroup.egress)
                .as("default allow-all egress removed")
                .noneMatch(r -> r.protocol().equals("-1"));
        assertThat(appGroup.egress)
                .extracting(FakeEc2.Rule::peer)
                .contains("10.0.1.20/32", "fd00:1::20/128", "10.0.0.53/32");
        assertThat(appGroup.ingress).extracting(FakeEc2.Rule::peer).containsExactly("10.0.2.10/32");
        assertThat(ec2.instance(app.id).groups)
                .as("CDE instance: exactly its policies' groups")
                .containsExactlyInAnyOrder(
                        ec2.groupNamed("pci-segment-cde-isolation").orElseThrow().id, appGroup.id);
        assertThat(ec2.instance(web.id).groups).containsExactly(vpcDefault.id);

        assertThat(validate().findings()).isEmpty();

        int mutating = ec2.mutatingCalls();
        Scenario.Run second = sync();
        assertThat(second.plan().isEmpty()).isTrue();
        assertThat(second.report().applied()).isEmpty();
        assertThat(ec2.mutatingCalls()).isEqualTo(mutating);
    }

    @Test
    void manualChangeIsReportedAsDriftAndRepaired() {
        sync();
        FakeEc2.Group dbGroup =
                ec2.groupNamed("pci-segment-cde-database-access").orElseThrow();
        // Someone opens SSH to the world and narrows the app tier's source by hand.
        dbGroup.ingress.add(new FakeEc2.Rule("tcp", 22, 22, "0.0.0.0/0", "debugging"));
        FakeEc2.Rule original = dbGroup.ingress.stream()
                .filter(r -> r.peer().equals("10.0.1.0/24"))
                .findFirst()
                .orElseThrow();
        dbGroup.ingress.remove(original);
        dbGroup.ingress.add(new FakeEc2.Rule("tcp", 5432, 5432, "10.0.0.0/16", ""));
        ec2.instance(db.id).groups.add(vpcDefault.id);

        CloudReport drift = validate();
        assertThat(drift.compliant()).isFalse();
        assertThat(drift.findings())
                .extracting(CloudFinding::check, CloudFinding::requirement)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("EXTRA-RULE", "1.2.8"),
                        org.assertj.core.groups.Tuple.tuple("CHANGED-RULE", "1.2.8"),
                        org.assertj.core.groups.Tuple.tuple("CDE-OPEN-TO-WORLD", "1.3.1"),
                        org.assertj.core.groups.Tuple.tuple("UNMANAGED-GROUP", "1.2.1"),
                        org.assertj.core.groups.Tuple.tuple("ATTACHMENT-DRIFT", "1.2.8"));
        Golden.check(
                "aws-drift.txt",
                org.pcisegment.cloud.CloudReportWriter.text(drift)
                        .replace(vpcDefault.id, "sg-default")
                        .replace(dbGroup.id, "sg-db")
                        .replace(db.id, "i-db"));

        Scenario.Run repair = sync();
        assertThat(repair.report().succeeded()).isTrue();
        assertThat(dbGroup.ingress)
                .containsExactly(new FakeEc2.Rule("tcp", 5432, 5432, "10.0.1.0/24", "cde-database-access ingress[0]"));
        assertThat(validate().findings()).isEmpty();
    }

    @Test
    void throttlingAndServerErrorsAreRetried() {
        ec2.faults.failNext(
                "DescribeSecurityGroups",
                2,
                new FakeHttp.Fault(503, "RequestLimitExceeded", "Request limit exceeded."));
        ec2.faults.failNext("CreateSecurityGroup", 1, new FakeHttp.Fault(500, "InternalError", "try again"));
        ec2.faults.failNext(
                "AuthorizeSecurityGroupIngress",
                3,
                new FakeHttp.Fault(503, "RequestLimitExceeded", "Request limit exceeded."));

        Scenario.Run result = sync();

        assertThat(result.report().succeeded()).isTrue();
        assertThat(ec2.calls("AuthorizeSecurityGroupIngress"))
                .isEqualTo(result.plan().changes().stream()
                                .filter(c -> c instanceof org.pcisegment.cloud.Change.AddRule add
                                        && add.rule().direction() == org.pcisegment.core.policy.Direction.INGRESS)
                                .count()
                        + 3);
        assertThat(validate().findings()).isEmpty();
    }

    @Test
    void failurePartWayReportsWhatWasAppliedAndReRunConverges() {
        int additions = 2;
        ec2.faults.passNext("AuthorizeSecurityGroupEgress", additions);
        ec2.faults.failNext(
                "AuthorizeSecurityGroupEgress",
                1,
                new FakeHttp.Fault(403, "UnauthorizedOperation", "You are not authorized to perform this operation."));

        Scenario.Run broken = sync();

        ApplyReport report = broken.report();
        assertThat(report.succeeded()).isFalse();
        assertThat(report.failure()).hasValueSatisfying(f -> assertThat(f).contains("UnauthorizedOperation"));
        assertThat(report.applied()).isNotEmpty();
        assertThat(report.notApplied()).isNotEmpty();
        assertThat(report.applied().size() + report.notApplied().size())
                .isEqualTo(broken.plan().changes().size());
        assertThat(report.describe()).contains("Applied (" + report.applied().size() + ")", "Not applied (");
        assertThat(audit.events(EventAction.CLOUD_CHANGED))
                .filteredOn(e -> e.outcome() == Outcome.FAILURE)
                .hasSize(1);
        assertThat(validate().compliant()).isFalse();

        Scenario.Run rerun = sync();
        assertThat(rerun.report().succeeded()).isTrue();
        assertThat(rerun.plan().changes()).hasSize(report.notApplied().size());
        assertThat(validate().findings()).isEmpty();
        assertThat(sync().plan().isEmpty()).isTrue();
    }

    @Test
    void removedPolicyDetachesAndDeletesOnlyItsOwnGroup() {
        sync();
        FakeEc2.Group foreign = ec2.addGroup("pci-segment-unrelated", Scenario.VPC, Map.of("team", "web"));
        PolicySet fewer = org.pcisegment.core.load.PolicySetLoader.load(
                List.of(
                        Scenario.resource("policies/cde-isolation.yaml").toString(),
                        Scenario.resource("policies/cde-database.yaml").toString()),
                List.of(Scenario.resource("inventory.yaml").toString()));
        CloudState state = provider.read();
        Plan plan = CloudSync.plan(fewer, config, provider, state);
        assertThat(PlanWriter.write(plan, provider.rules()))
                .contains("- security group pci-segment-cde-payment-api")
                .doesNotContain("- security group pci-segment-unrelated");
        ApplyReport report = CloudSync.apply(plan, state, fewer, config, provider, audit);
        assertThat(report.succeeded()).isTrue();
        assertThat(ec2.groupNamed("pci-segment-cde-payment-api")).isEmpty();
        assertThat(ec2.groupNamed(foreign.name)).isPresent();
        assertThat(ec2.instance(app.id).groups)
                .containsExactly(ec2.groupNamed("pci-segment-cde-isolation").orElseThrow().id);
    }
}
