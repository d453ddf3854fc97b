package org.pcisegment.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pcisegment.core.json.Json;
import org.pcisegment.core.load.PolicySet;
import org.pcisegment.core.testing.Golden;
import org.pcisegment.core.testing.TestPolicySets;
import org.pcisegment.report.json.JsonReportWriter;
import org.pcisegment.report.trail.AuditTrailEvidence;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON report: valid against the schema shipped beside the writer for every report type, and
 * byte for byte equal to golden files (the clock is injected; the one path that depends on where the
 * test runs, the audit directory, is replaced). Run with {@code -Dgolden.update=true} to rewrite the golden files.
 */
class JsonReportTest {
    private static final Path GOLDEN = Path.of("src/test/resources/org/pcisegment/report/golden");

    /** A small, fixed policy set: inline sources, so file names and hash do not depend on the checkout. */
    static PolicySet fixedSet() {
        String policies = """
                apiVersion: pci-segment/v1
                kind: NetworkPolicy
                metadata:
                  name: cde-db
                  annotations:
                    pci-dss: "Req 1.3.1, Req 1.3.2"
                    description: "Only the app tier queries the cardholder database"
                spec:
                  podSelector:
                    matchLabels: {pci-env: cde, tier: db}
                  ingress:
                    - from:
                        - podSelector: {matchLabels: {tier: app}}
                      ports:
                        - {protocol: TCP, port: 5432}
                  egress: []
                ---
                apiVersion: pci-segment/v1
                kind: NetworkPolicy
                metadata:
                  name: app
                  annotations:
                    pci-dss: "Req 1.3.2"
                    description: "The app tier talks to its database only"
                spec:
                  podSelector:
                    matchLabels: {tier: app}
                  egress:
                    - to:
                        - podSelector: {matchLabels: {tier: db}}
                      ports:
                        - {protocol: TCP, port: 5432}
                """;
        return TestPolicySets.of(
                policies,
                TestPolicySets.inventory(
                        "db 10.0.1.20 pci-env=cde,tier=db", "app 10.0.2.10 tier=app", "office 10.0.30.0/24 zone=corp"));
    }

    @TempDir
    Path temp;

    private static Schema schema() throws Exception {
        try (InputStream in = JsonReportWriter.class.getResourceAsStream(JsonReportWriter.SCHEMA_RESOURCE)) {
            assertThat(in).as("the schema ships beside the writer").isNotNull();
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static List<Error> validate(String json) throws Exception {
        return schema().validate(Json.MAPPER.readTree(json));
    }

    @ParameterizedTest
    @EnumSource(ReportType.class)
    void everyTypeMatchesTheSchema(ReportType type) throws Exception {
        PolicySet set = TestPolicySets.validExamples();
        AuditTrailEvidence log = Reports.evidence(Reports.writeLog(temp, Reports.LogContent.of(3, 2, set)));
        assertThat(validate(JsonReportWriter.write(Reports.build(set, Optional.of(log), type))))
                .isEmpty();
        assertThat(validate(JsonReportWriter.write(Reports.build(set, Optional.empty(), type))))
                .isEmpty();
    }

    @Test
    void theSchemaRejectsAReportWithAMissingFigure() throws Exception {
        ObjectNode report =
                JsonReportWriter.tree(Reports.build(TestPolicySets.validExamples(), Optional.empty(), ReportType.FULL));
        ((ObjectNode) report.get("summary")).remove("cde_workloads");
        assertThat(validate(Json.write(report))).isNotEmpty();
    }

    @Test
    void fullReportWithAuditLogMatchesGolden() throws Exception {
        PolicySet set = fixedSet();
        AuditTrailEvidence log = Reports.evidence(Reports.writeLog(temp, Reports.LogContent.of(4, 2, set)));
        golden("full-with-audit.json", Reports.build(set, Optional.of(log), ReportType.FULL));
    }

    @Test
    void inventoryReportWithoutAuditLogMatchesGolden() throws Exception {
        golden("inventory.json", Reports.build(fixedSet(), Optional.empty(), ReportType.INVENTORY));
    }

    @Test
    void theFiguresFollowTheInputs() throws Exception {
        PolicySet set = fixedSet();
        AuditTrailEvidence log = Reports.evidence(Reports.writeLog(temp, Reports.LogContent.of(4, 2, set)));
        JsonNode summary = Json.MAPPER
                .readTree(JsonReportWriter.write(Reports.build(set, Optional.of(log), ReportType.FULL)))
                .get("summary");
        assertThat(summary.get("cde_workloads").asInt()).isEqualTo(1);
        assertThat(summary.get("workloads").asInt()).isEqualTo(3);
        assertThat(summary.get("blocked_events").asInt()).isEqualTo(4);
        assertThat(summary.get("allowed_events").asInt()).isEqualTo(2);
        assertThat(summary.get("flows_into_cde").asInt()).isEqualTo(1);
        JsonNode none = Json.MAPPER
                .readTree(JsonReportWriter.write(Reports.build(set, Optional.empty(), ReportType.FULL)))
                .get("summary");
        assertThat(none.get("blocked_events").isNull()).isTrue();
        assertThat(none.get("audit_integrity").asString()).startsWith("not assessed");
    }

    private void golden(String name, ComplianceReport report) throws Exception {
        ObjectNode tree = JsonReportWriter.tree(report);
        if (tree.get("report").get("audit_directory").isString()) {
            ((ObjectNode) tree.get("report")).put("audit_directory", "<audit-dir>");
            ((ObjectNode) tree.get("audit")).put("directory", "<audit-dir>");
        }
        String actual = Json.write(tree) + "\n";
        assertThat(validate(actual)).isEmpty();
        Path expected = GOLDEN.resolve(name);
        Golden.assertMatches(expected, actual);
    }
}
