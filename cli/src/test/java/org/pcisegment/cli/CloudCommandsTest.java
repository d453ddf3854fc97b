package org.pcisegment.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcisegment.cloud.FakeHttp;
import org.pcisegment.cloud.Scenario;
import org.pcisegment.cloud.aws.FakeEc2;

/** cloud-sync, cloud-validate and cloud-export through Main, against the local EC2 fake. */
class CloudCommandsTest {
    @TempDir
    Path work;

    private FakeEc2 ec2;
    private Path config;
    private FakeEc2.Instance app;

    private record Result(int code, String out, String err) {}

    @BeforeAll
    static void testCredentials() {
        // The AWS SDK's system-property credential provider: test keys for the local fake only.
        System.setProperty("aws.accessKeyId", "AKIDTESTONLY");
        System.setProperty("aws.secretAccessKey", "test-secret-for-the-local-fake");
    }

    @BeforeEach
    void start() throws IOException {
        ec2 = new FakeEc2(2);
        FakeEc2.Group vpcDefault = ec2.addGroup("default", Scenario.VPC, Map.of());
        app = ec2.addInstance(
                Scenario.VPC, Map.of("Name", "payment-api", "pci-env", "cde", "tier", "app"), vpcDefault.id);
        ec2.addInstance(
                Scenario.VPC, Map.of("Name", "payment-db", "pci-env", "cde", "tier", "database"), vpcDefault.id);
        ec2.addInstance(Scenario.VPC, Map.of("Name", "web-frontend", "zone", "dmz"), vpcDefault.id);
        config = work.resolve("aws-config.yaml");
        Files.writeString(config, """
                apiVersion: pci-segment/v1
                kind: CloudConfig
                provider: aws
                region: eu-west-1
                vpc: %s
                retry: {maxAttempts: 3, baseDelayMillis: 5, maxDelayMillis: 20}
                endpoint: %s
                """.formatted(Scenario.VPC, ec2.endpoint()));
    }

    @AfterEach
    void stop() {
        ec2.close();
    }

    private Result run(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(arguments, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    private String[] cloud(String command, String... more) {
        List<String> arguments = new ArrayList<>(List.of(
                command,
                "-f",
                "../examples/policies/cde-app.yaml",
                "-f",
                "../examples/policies/cde-database.yaml",
                "-f",
                "../examples/policies/cde-isolation.yaml",
                "--inventory",
                "../examples/inventory.yaml",
                "-c",
                config.toString()));
        arguments.addAll(List.of(more));
        return arguments.toArray(String[]::new);
    }

    private String[] sync(String... more) {
        List<String> arguments = new ArrayList<>(List.of(more));
        arguments.addAll(List.of("--audit-dir", work.resolve("audit").toString()));
        return cloud("cloud-sync", arguments.toArray(String[]::new));
    }

    @Test
    void dryRunShowsThePlanAndChangesNothing() throws IOException {
        Result result = run(cloud("cloud-sync", "--dry-run"));

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("+ security group pci-segment-cde-payment-api (policy cde-payment-api)")
                .contains("- egress allow all to 0.0.0.0/0  # added by AWS to every new group")
                .contains("Plan: 3 to create")
                .endsWith("Dry run: nothing was changed.\n");
        assertThat(ec2.mutatingCalls()).isZero();
        // Kept for the README: a dry run against the local fake endpoint.
        Files.writeString(Path.of("target", "cloud-sync-dry-run.txt"), result.out());
    }

    @Test
    void syncAuditsEveryChangeThenValidateIsCompliantAndASecondSyncIsANoOp() throws IOException {
        Result first = run(sync());
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("Apply complete: 15 change(s) applied.");
        String log;
        try (Stream<Path> files = Files.list(work.resolve("audit"))) {
            List<Path> logs = files.filter(p -> p.getFileName().toString().startsWith("audit-"))
                    .toList();
            assertThat(logs).isNotEmpty();
            log = Files.readString(logs.getFirst());
        }
        assertThat(log.lines().filter(l -> l.contains("\"cloud-changed\"")).count())
                .isEqualTo(15);

        Result validate = run(cloud("cloud-validate"));
        assertThat(validate.code()).as(validate.out()).isZero();
        assertThat(validate.out()).contains("[OK] COMPLIANT");

        int mutating = ec2.mutatingCalls();
        Result second = run(sync());
        assertThat(second.code()).isZero();
        assertThat(second.out()).contains("No changes: the cloud matches the policies.");
        assertThat(ec2.mutatingCalls()).isEqualTo(mutating);
    }

    @Test
    void driftMakesValidateExitOneWithRequirementsInJson() {
        run(sync());
        ec2.groupNamed("pci-segment-cde-payment-api")
                .orElseThrow()
                .ingress
                .add(new FakeEc2.Rule("tcp", 22, 22, "0.0.0.0/0", ""));

        Result result = run(cloud("cloud-validate", "--format", "json"));

        assertThat(result.code()).isEqualTo(ExitCode.FINDINGS);
        assertThat(result.out())
                .contains("\"compliant\" : false")
                .contains("\"check\" : \"CDE-OPEN-TO-WORLD\"", "\"requirement\" : \"1.3.1\"")
                .contains("\"check\" : \"EXTRA-RULE\"", "\"requirement\" : \"1.2.8\"");
    }

    @Test
    void failurePartWayExitsThreeAndAReRunConverges() {
        ec2.faults.passNext("AuthorizeSecurityGroupIngress", 1);
        ec2.faults.failNext(
                "AuthorizeSecurityGroupIngress",
                1,
                new FakeHttp.Fault(403, "UnauthorizedOperation", "You are not authorized to perform this operation."));

        Result broken = run(sync());

        assertThat(broken.code()).isEqualTo(ExitCode.OPERATION);
        assertThat(broken.out()).contains("Apply FAILED", "UnauthorizedOperation", "Applied (", "Not applied (");
        Result rerun = run(sync());
        assertThat(rerun.code()).as(rerun.out()).isZero();
        assertThat(run(cloud("cloud-validate")).code()).isZero();
        assertThat(ec2.instance(app.id).groups).hasSize(2);
    }

    @Test
    void unreachableCloudExitsThreeWithoutAStackTrace() throws IOException {
        Files.writeString(
                config, Files.readString(config).replace(ec2.endpoint().toString(), "http://127.0.0.1:9"));

        Result result = run(cloud("cloud-validate"));

        assertThat(result.code()).isEqualTo(ExitCode.OPERATION);
        assertThat(result.err())
                .startsWith("error: cannot read the cloud state of aws eu-west-1")
                .doesNotContain("\tat ");
    }

    @Test
    void badCloudConfigIsAnInputErrorWithItsLine() throws IOException {
        Files.writeString(config, "provider: aws\nregion: eu-west-1\nvcp: vpc-0a1b2c3d\n");

        Result result = run(cloud("cloud-sync", "--dry-run"));

        assertThat(result.code()).isEqualTo(ExitCode.INPUT);
        assertThat(result.err()).contains(config + ":3:1").contains("unknown field 'vcp'", "did you mean 'vpc'");
        assertThat(ec2.mutatingCalls() + ec2.calls("DescribeSecurityGroups")).isZero();
    }

    @Test
    void invalidPoliciesNeverReachTheCloud() {
        Result result = run("cloud-sync", "-f", "../examples/policies/invalid-policy.yaml", "-c", config.toString());

        assertThat(result.code()).isEqualTo(ExitCode.FINDINGS);
        assertThat(result.err()).contains("nothing was sent to the cloud");
        assertThat(ec2.calls("DescribeSecurityGroups")).isZero();
    }

    @Test
    void exportWritesTerraformWithoutCloudAccess() {
        Result result = run(cloud("cloud-export", "--format", "terraform"));

        assertThat(result.code()).isZero();
        assertThat(result.out())
                .contains("resource \"aws_security_group\" \"cde_payment_api\"")
                .contains("egress = []");
        assertThat(ec2.calls("DescribeSecurityGroups")).isZero();
    }
}
