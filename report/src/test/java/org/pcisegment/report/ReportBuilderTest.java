package org.pcisegment.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcisegment.core.load.PolicySet;
import org.pcisegment.core.testing.TestPolicySets;
import org.pcisegment.report.ComplianceReport.RequirementResult;
import org.pcisegment.report.trail.AuditTrailEvidence;

class ReportBuilderTest {
    @TempDir
    Path temp;

    private static RequirementResult requirement(ComplianceReport report, String id) {
        return report.requirements().stream()
                .filter(r -> r.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void countsComeFromTheInventoryAndPolicies() {
        PolicySet set = TestPolicySets.validExamples();
        ComplianceReport report = Reports.build(set, Optional.empty(), ReportType.FULL);
        assertThat(report.summary().policies()).isEqualTo(set.policies().size());
        assertThat(report.summary().cdeWorkloads()).isEqualTo(2);
        assertThat(report.summary().workloads()).isEqualTo(6);
        assertThat(report.summary().blockedEvents()).isEmpty();
        assertThat(report.meta().policySetSha256()).isEqualTo(set.sha256());
        assertThat(requirement(report, "10.3.2").status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(requirement(report, "1.2.1").status()).isEqualTo(Status.EVIDENCED);
        // From the analysis of the examples: outside, web-frontend and monitoring reach into the CDE.
        assertThat(report.summary().flowsIntoCde()).contains(5);
        assertThat(report.summary().flowsOutOfCde()).contains(3);
        assertThat(report.summary().internetExposedCde()).contains(2);
        assertThat(requirement(report, "1.4.4").status()).isEqualTo(Status.FINDING);
        assertThat(requirement(report, "1.4.4").evidence()).contains("payment-api", "payment-db");
        assertThat(report.summary().compliant()).isFalse();
    }

    @Test
    void moreCdeWorkloadsInTheInventoryRaiseTheCount() {
        String policies = "apiVersion: pci-segment/v1\nkind: NetworkPolicy\nmetadata:\n  name: cde\n"
                + "  annotations: {pci-dss: \"Req 1.3.1\"}\nspec:\n  podSelector:\n    matchLabels: {pci-env: cde}\n"
                + "  ingress: []\n  egress: []\n";
        PolicySet two = TestPolicySets.of(
                policies,
                TestPolicySets.inventory("a 10.0.1.1 pci-env=cde", "b 10.0.1.2 pci-env=cde", "c 10.0.2.1 zone=dmz"));
        PolicySet three = TestPolicySets.of(
                policies,
                TestPolicySets.inventory(
                        "a 10.0.1.1 pci-env=cde",
                        "b 10.0.1.2 pci-env=cde",
                        "c 10.0.2.1 pci-env=cde",
                        "d 10.0.3.1 zone=dmz"));
        assertThat(Reports.build(two, Optional.empty(), ReportType.FULL)
                        .summary()
                        .cdeWorkloads())
                .isEqualTo(2);
        assertThat(Reports.build(three, Optional.empty(), ReportType.FULL)
                        .summary()
                        .cdeWorkloads())
                .isEqualTo(3);
        assertThat(Reports.build(three, Optional.empty(), ReportType.FULL)
                        .summary()
                        .workloads())
                .isEqualTo(4);
    }

    @Test
    void eventCountsFollowTheAuditLog() {
        PolicySet set = TestPolicySets.validExamples();
        AuditTrailEvidence few =
                Reports.evidence(Reports.writeLog(temp.resolve("few"), Reports.LogContent.of(2, 1, set)));
        AuditTrailEvidence more =
                Reports.evidence(Reports.writeLog(temp.resolve("more"), Reports.LogContent.of(7, 4, set)));
        ComplianceReport a = Reports.build(set, Optional.of(few), ReportType.FULL);
        ComplianceReport b = Reports.build(set, Optional.of(more), ReportType.FULL);
        assertThat(a.summary().blockedEvents()).contains(2L);
        assertThat(a.summary().allowedEvents()).contains(1L);
        assertThat(b.summary().blockedEvents()).contains(7L);
        assertThat(b.summary().allowedEvents()).contains(4L);
        assertThat(few.flows().blockedPackets()).isEqualTo(6);
        assertThat(a.summary().auditIntegrity()).isEqualTo("intact");
        assertThat(requirement(a, "10.3.2").status()).isEqualTo(Status.EVIDENCED);
        assertThat(requirement(a, "1.2.8").status()).isEqualTo(Status.EVIDENCED);
        assertThat(requirement(a, "11.4.5").status()).isEqualTo(Status.EVIDENCED);
        assertThat(requirement(a, "10.2.1").status()).isEqualTo(Status.EVIDENCED);
        assertThat(requirement(a, "10.3.1").status()).isEqualTo(Status.EVIDENCED);
    }

    @Test
    void aFailedSegmentationTestIsAFindingAndNoneIsNotAssessed(@TempDir Path other) {
        PolicySet set = TestPolicySets.validExamples();
        AuditTrailEvidence failed = Reports.evidence(
                Reports.writeLog(temp, new Reports.LogContent(0, 0, Optional.of(set.sha256()), false, true)));
        AuditTrailEvidence none = Reports.evidence(
                Reports.writeLog(other, new Reports.LogContent(0, 0, Optional.of(set.sha256()), true, false)));
        ComplianceReport withFailure = Reports.build(set, Optional.of(failed), ReportType.FULL);
        assertThat(requirement(withFailure, "11.4.5").status()).isEqualTo(Status.FINDING);
        assertThat(withFailure.summary().compliant()).isFalse();
        assertThat(withFailure.summary().reasons()).contains("11.4.5");
        assertThat(requirement(Reports.build(set, Optional.of(none), ReportType.FULL), "11.4.5")
                        .status())
                .isEqualTo(Status.NOT_ASSESSED);
    }

    @Test
    void anotherInstalledPolicySetFailsRunningConfiguration() {
        PolicySet set = TestPolicySets.validExamples();
        AuditTrailEvidence log = Reports.evidence(
                Reports.writeLog(temp, new Reports.LogContent(1, 1, Optional.of("c".repeat(64)), true, true)));
        RequirementResult result = requirement(Reports.build(set, Optional.of(log), ReportType.FULL), "1.2.8");
        assertThat(result.status()).isEqualTo(Status.FINDING);
        assertThat(result.evidence()).contains("cccccccccccc").contains(set.shortHash());
    }

    @Test
    void sectionsRollUpTheirItems() {
        ComplianceReport report = Reports.build(TestPolicySets.validExamples(), Optional.empty(), ReportType.FULL);
        RequirementResult three = requirement(report, "3");
        assertThat(three.section()).isTrue();
        assertThat(three.status()).isEqualTo(Status.NOT_ASSESSED);
        // The examples expose the CDE to addresses outside the inventory (1.4.4): requirement 1 has a finding.
        assertThat(requirement(report, "1").status()).isEqualTo(Status.FINDING);
        assertThat(requirement(report, "1.2").status()).isEqualTo(Status.EVIDENCED);
        assertThat(requirement(report, "1.2").evidence()).startsWith("6 evidenced, 0 with findings, 2 not assessed");
    }
}
