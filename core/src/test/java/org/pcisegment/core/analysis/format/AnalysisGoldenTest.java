package org.pcisegment.core.analysis.format;

import org.junit.jupiter.api.Test;
import org.pcisegment.core.analysis.Reachability;
import org.pcisegment.core.analysis.ReachabilityAnalyzer;
import org.pcisegment.core.analysis.ReachabilityDiffer;
import org.pcisegment.core.ir.Flow;
import org.pcisegment.core.ir.PolicyCompiler;
import org.pcisegment.core.ir.RuleSet;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.testing.Golden;
import org.pcisegment.core.testing.TestPolicySets;

/** Every text format of analyze, explain and diff, over the shipped examples. */
class AnalysisGoldenTest {
    private static final String VERSION = "test";
    private final RuleSet ruleSet = PolicyCompiler.compile(TestPolicySets.validExamples());
    private final Reachability reachability = ReachabilityAnalyzer.analyze(ruleSet);

    private void golden(String name, String actual) {
        Golden.assertMatches(AnalysisGoldenTest.class, name, actual);
    }

    private Flow flow(String from, String to, Protocol protocol, int port) {
        return new Flow(IpAddress.parseOrThrow(from), IpAddress.parseOrThrow(to), protocol, port);
    }

    @Test
    void analyzeText() {
        golden("analyze.txt", ReachabilityTextWriter.write(reachability));
    }

    @Test
    void analyzeJson() {
        golden("analyze.json", ReachabilityJsonWriter.write(reachability, VERSION));
    }

    @Test
    void analyzeCsv() {
        golden("analyze.csv", ReachabilityCsvWriter.write(reachability));
    }

    @Test
    void networkDiagrams() {
        golden("network.mmd", DiagramWriter.mermaid(reachability, DiagramWriter.Kind.NETWORK));
        golden("network.dot", DiagramWriter.dot(reachability, DiagramWriter.Kind.NETWORK));
    }

    @Test
    void cdeDataFlowDiagrams() {
        golden("cde-flows.mmd", DiagramWriter.mermaid(reachability, DiagramWriter.Kind.CDE));
        golden("cde-flows.dot", DiagramWriter.dot(reachability, DiagramWriter.Kind.CDE));
    }

    @Test
    void explainAllowedFlow() {
        var verdict = ruleSet.explain(flow("10.0.1.10", "10.0.1.20", Protocol.TCP, 5432));
        golden("explain-allow.txt", ExplainTextWriter.write(verdict));
        golden("explain-allow.json", ExplainJsonWriter.write(verdict, VERSION));
    }

    @Test
    void explainDeniedFlows() {
        var destination = ruleSet.explain(flow("10.0.2.10", "10.0.1.20", Protocol.TCP, 5432));
        var both = ruleSet.explain(flow("10.0.1.20", "10.0.1.10", Protocol.UDP, 53));
        var outside = ruleSet.explain(flow("10.0.1.10", "192.0.2.1", Protocol.TCP, 22));
        golden(
                "explain-deny.txt",
                ExplainTextWriter.write(destination)
                        + ExplainTextWriter.write(both)
                        + ExplainTextWriter.write(outside));
        golden("explain-deny.json", ExplainJsonWriter.write(destination, VERSION));
    }

    @Test
    void diffTextAndJson() {
        String inventory = TestPolicySets.inventory(
                "app 10.0.1.10,fd00::10 pci-env=cde,tier=app",
                "db 10.0.1.20,fd00::20 pci-env=cde,tier=db",
                "web 10.0.2.10 tier=web",
                "ops 10.0.9.9 tier=ops");
        String before = """
                apiVersion: pci-segment/v1
                kind: NetworkPolicy
                metadata: {name: db, annotations: {pci-dss: "Req 1.3.1"}}
                spec:
                  podSelector: {matchLabels: {tier: db}}
                  ingress:
                    - from: [{podSelector: {matchLabels: {tier: app}}}]
                      ports: [{protocol: TCP, port: 5432}]
                  egress: []
                """;
        String after = """
                apiVersion: pci-segment/v1
                kind: NetworkPolicy
                metadata: {name: db, annotations: {pci-dss: "Req 1.3.1"}}
                spec:
                  podSelector: {matchLabels: {tier: db}}
                  ingress:
                    - from: [{ipBlock: {cidr: 10.0.1.0/24}}, {podSelector: {matchLabels: {tier: web}}}]
                      ports: [{protocol: TCP, port: 5432}]
                  egress: []
                """;
        var diff = ReachabilityDiffer.diff(
                ReachabilityAnalyzer.analyze(PolicyCompiler.compile(TestPolicySets.of(before, inventory))),
                ReachabilityAnalyzer.analyze(PolicyCompiler.compile(TestPolicySets.of(after, inventory))));
        golden("diff.txt", DiffTextWriter.write(diff));
        golden("diff.json", DiffJsonWriter.write(diff, VERSION));
    }
}
