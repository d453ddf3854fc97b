package org.pcisegment.kube.analysis;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pcisegment.kube.manifest.Cluster;
import org.pcisegment.kube.manifest.ManifestReader;
import org.pcisegment.kube.testing.LineDiff;
import org.pcisegment.kube.testing.OracleData;

/** Every connlist case of the np-guard oracle: our report must equal theirs line for line. */
class OracleConnlistTest {

    static List<String> cases() {
        return OracleData.connlistCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void connlistMatchesNetpolAnalyzer(String name) {
        Cluster cluster = ManifestReader.read(List.of(OracleData.caseDir(name).toString()));
        List<String> lines = ConnectivityAnalyzer.analyze(cluster).lines();
        List<String> expected =
                OracleData.expectedLines(OracleData.root().resolve("expected/connlist/" + name + ".txt"));
        LineDiff.assertSameLines(name, expected, lines);
    }
}
