package org.pcisegment.core.ir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.core.testing.TestPolicySets;

class RuleSetExamplesTest {
    private final RuleSet ruleSet = PolicyCompiler.compile(TestPolicySets.validExamples());

    private static Flow tcp(String from, String to, int port) {
        return new Flow(IpAddress.parseOrThrow(from), IpAddress.parseOrThrow(to), Protocol.TCP, port);
    }

    @Test
    void allowsHttpsFromTheDmzToThePaymentApiCitingTheRule() {
        Verdict verdict = ruleSet.decide(tcp("10.0.2.10", "10.0.1.10", 443));

        assertThat(verdict.action()).isEqualTo(Action.ALLOW);
        assertThat(verdict.source()).isInstanceOf(SideDecision.Unrestricted.class);
        assertThat(verdict.matchedRules()).singleElement().satisfies(rule -> {
            assertThat(rule.origin().policy()).isEqualTo("cde-payment-api");
            assertThat(rule.origin().rule()).isEqualTo("ingress[0]");
            assertThat(rule.origin().span().file()).endsWith("cde-app.yaml");
            assertThat(rule.origin().span().line()).isEqualTo(18);
        });
    }

    @Test
    void deniesTheDmzReachingTheDatabaseOnTheDestinationSide() {
        Verdict verdict = ruleSet.decide(tcp("10.0.2.10", "10.0.1.20", 5432));

        assertThat(verdict.action()).isEqualTo(Action.DENY);
        assertThat(verdict.reason()).contains(DenyReason.DEFAULT_DENY_ON_DESTINATION);
        assertThat(verdict.destination())
                .isInstanceOfSatisfying(
                        SideDecision.Denied.class,
                        denied -> assertThat(denied.restrictedBy())
                                .extracting(PolicyOrigin::policy)
                                .containsExactly("cde-database-access", "cde-isolation"));
    }

    @Test
    void deniesDatabaseEgressAtTheSource() {
        Verdict verdict = ruleSet.decide(tcp("10.0.1.20", "10.0.2.10", 80));

        assertThat(verdict.reason()).contains(DenyReason.EGRESS_NOT_ALLOWED_AT_SOURCE);
    }

    @Test
    void needsBothEgressOfTheSourceAndIngressOfTheDestination() {
        Verdict verdict = ruleSet.decide(tcp("10.0.1.10", "10.0.1.20", 5432));

        assertThat(verdict.action()).isEqualTo(Action.ALLOW);
        assertThat(verdict.matchedRules())
                .extracting(r -> r.origin().policy() + " " + r.origin().rule())
                .containsExactly("cde-payment-api egress[0]", "cde-database-access ingress[0]");
    }

    @Test
    void ipv6AddressOfTheApiIsNotInTheDatabaseIpBlock() {
        Verdict verdict = ruleSet.decide(tcp("fd00:1::10", "fd00:1::20", 5432));

        assertThat(verdict.action()).isEqualTo(Action.DENY);
        assertThat(verdict.reason()).contains(DenyReason.DEFAULT_DENY_ON_DESTINATION);
    }

    @Test
    void anAddressOutsideTheInventoryIsUnconstrainedOnItsOwnSide() {
        Verdict verdict = ruleSet.decide(tcp("10.0.20.77", "10.0.1.10", 9090));

        assertThat(verdict.source()).isEqualTo(new SideDecision.Outside(Direction.EGRESS));
        assertThat(verdict.action()).isEqualTo(Action.ALLOW);
        assertThat(verdict.matchedRules()).extracting(r -> r.origin().policy()).containsExactly("cde-isolation");
    }

    @Test
    void explainCitesEveryMatchingRuleWhileDecideCitesTheFirst() {
        Flow flow = tcp("10.0.1.10", "10.0.10.5", 443);

        assertThat(ruleSet.decide(flow).matchedRules()).hasSize(1);
        assertThat(ruleSet.explain(flow).action()).isEqualTo(Action.ALLOW);
        assertThat(ruleSet.explain(flow).matchedRules())
                .extracting(r -> r.origin().policy())
                .containsExactly("cde-isolation");
    }

    @Test
    void hashIsStableAndIgnoresWhereRulesAreWritten() {
        RuleSet again = PolicyCompiler.compile(TestPolicySets.validExamples());

        assertThat(again.sha256()).isEqualTo(ruleSet.sha256()).hasSize(64);
        // The hash is fed in chunks; it must still be the hash of the canonical text.
        assertThat(ruleSet.sha256()).isEqualTo(sha256Hex(ruleSet.canonicalText()));
        assertThat(ruleSet.canonicalText())
                .startsWith("pci-segment rule set v2\n")
                .contains("workload payment-db 10.0.1.20/32,fd00:1::20/128")
                .containsPattern("\n    tcp 10\\.0\\.1\\.0-10\\.0\\.1\\.255 #\\d+( 5432)?\n");
    }

    @Test
    void canonicalTextNumbersEachDistinctPortSetOnceInOrderOfAppearance() {
        Map<String, String> defined = new HashMap<>();
        int next = 1;
        for (String line : ruleSet.canonicalText().split("\n")) {
            String[] fields = line.trim().split(" ");
            if (fields.length < 3 || !fields[2].startsWith("#")) {
                continue;
            }
            String id = fields[2];
            if (fields.length == 4) {
                assertThat(defined).as("%s is defined once", id).doesNotContainKey(id);
                assertThat(defined).as("ports %s get one number", fields[3]).doesNotContainValue(fields[3]);
                assertThat(id).isEqualTo("#" + next++);
                defined.put(id, fields[3]);
            } else {
                assertThat(defined).as("%s is defined before it is cited", id).containsKey(id);
            }
        }
        assertThat(defined).isNotEmpty();
        assertThat(ruleSet.canonicalText())
                .contains("    tcp 10.0.1.20 #3 5432")
                .contains("    tcp fd00:1::20 #3\n");
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
