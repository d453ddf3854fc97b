package org.pcisegment.kube.format;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcisegment.kube.analysis.CdeCriteria;
import org.pcisegment.kube.analysis.Connectivity;
import org.pcisegment.kube.analysis.ConnectivityAnalyzer;
import org.pcisegment.kube.analysis.ConnectivityDiff;
import org.pcisegment.kube.check.CheckOptions;
import org.pcisegment.kube.check.KubeChecker;
import org.pcisegment.kube.manifest.Cluster;
import org.pcisegment.kube.manifest.ManifestReader;
import org.pcisegment.kube.testing.Golden;

/** Every report format of analyze, diff and check, against golden files. */
class WriterGoldenTest {

    private static Cluster read(String resource) {
        return ManifestReader.read(List.of(Golden.resource(resource)));
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void analyzeReports(OutputFormat format) {
        Connectivity connectivity = ConnectivityAnalyzer.analyze(read("cases/namespace-and-pod-selectors"));
        Golden.assertMatches(
                "analyze/namespace-and-pod-selectors." + format,
                ConnlistWriter.write(connectivity, connectivity.connections(), format, CdeCriteria.DEFAULT));
    }

    @ParameterizedTest
    @EnumSource(
            value = OutputFormat.class,
            names = {"txt", "json", "csv", "md"})
    void diffReports(OutputFormat format) {
        ConnectivityDiff diff = ConnectivityDiff.compare(
                read("cases/policies-add-up"), read("cases/namespace-and-pod-selectors"), CdeCriteria.DEFAULT);
        Golden.assertMatches("diff/policies-add-up-to-namespaces." + format, DiffWriter.write(diff, format));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json"})
    void checkReports(String format) {
        Cluster cluster = read("check-fixtures/cde-exposure.yaml");
        var findings = KubeChecker.check(cluster, CheckOptions.DEFAULTS);
        Golden.assertMatches(
                "check/cde-exposure." + format,
                format.equals("text")
                        ? CheckReportWriter.text(cluster, CheckOptions.DEFAULTS, findings, true)
                        : CheckReportWriter.json(findings));
    }
}
