package org.pcisegment.kube.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pcisegment.kube.format.DiffWriter;
import org.pcisegment.kube.format.OutputFormat;
import org.pcisegment.kube.manifest.ManifestReader;
import org.pcisegment.kube.testing.LineDiff;
import org.pcisegment.kube.testing.OracleData;

/** Every diff case of the np-guard oracle: the same set of diff lines, from old (ref1) to new (ref2). */
class OracleDiffTest {

    static List<String> cases() {
        return OracleData.diffCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void diffMatchesNetpolAnalyzer(String name) {
        String[] versions = versions(name);
        ConnectivityDiff diff = ConnectivityDiff.compare(
                ManifestReader.read(List.of(OracleData.caseDir(versions[1]).toString())),
                ManifestReader.read(List.of(OracleData.caseDir(versions[0]).toString())),
                CdeCriteria.DEFAULT);
        String text = DiffWriter.write(diff, OutputFormat.txt);
        List<String> expected = OracleData.expectedLines(OracleData.root().resolve("expected/diff/" + name + ".txt"));
        List<String> actual = text.lines().filter(l -> !l.isBlank()).toList();
        LineDiff.assertSameLineSet(name, expected, actual);
    }

    /** {@code NEW_and_OLD}, split where both halves name a case (case names contain "_and_" too). */
    private static String[] versions(String name) {
        List<String[]> splits = new ArrayList<>();
        int at = name.indexOf("_and_");
        while (at >= 0) {
            String newer = name.substring(0, at);
            String older = name.substring(at + "_and_".length());
            if (Files.isDirectory(OracleData.root().resolve("cases/" + newer))
                    && Files.isDirectory(OracleData.root().resolve("cases/" + older))) {
                splits.add(new String[] {newer, older});
            }
            at = name.indexOf("_and_", at + 1);
        }
        assertThat(splits).as("one way to read " + name + " as NEW_and_OLD").hasSize(1);
        return splits.getFirst();
    }
}
