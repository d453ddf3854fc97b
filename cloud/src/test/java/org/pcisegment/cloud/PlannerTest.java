package org.pcisegment.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pcisegment.cloud.azure.AzureRules;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.net.PortRange;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.core.policy.LabelSelector;
import org.pcisegment.core.source.SourceSpan;

class PlannerTest {
    private static PolicyIntent.Allow allow(int port, String cidr) {
        return new PolicyIntent.Allow(
                Direction.INGRESS, Protocol.TCP, new PortRange(port, port), Cidr.of(cidr), "p ingress[0]");
    }

    private static PolicyIntent intent(PolicyIntent.Allow... allows) {
        return new PolicyIntent(
                "p",
                LabelSelector.everything(SourceSpan.of("p.yaml")),
                Set.of(Direction.INGRESS, Direction.EGRESS),
                List.of(allows),
                List.of());
    }

    @Test
    void azurePrioritiesStayPutWhenARuleIsAdded() {
        AzureRules rules = new AzureRules();
        List<CloudRule> first = rules.rules(
                List.of(intent(allow(443, "10.0.2.0/24"), allow(8443, "10.0.3.0/24"))), List.of(), new ArrayList<>());
        // A rule sorting before both is added: the two keep their priorities, the new one takes a free one.
        List<CloudRule> second = rules.rules(
                List.of(intent(allow(22, "10.0.9.0/24"), allow(443, "10.0.2.0/24"), allow(8443, "10.0.3.0/24"))),
                first,
                new ArrayList<>());
        List<Change> steps = Planner.diff("nsg", second, first);
        assertThat(steps).singleElement().isInstanceOf(Change.AddRule.class);
        assertThat(((Change.AddRule) steps.getFirst()).rule().priority()).isEqualTo(102);
        assertThat(second)
                .filteredOn(r -> !r.isAllow())
                .extracting(CloudRule::priority)
                .containsOnly(4096);
    }

    @Test
    void sctpWithPortsIsLeftOutOnAwsAndSctpIsLeftOutOnAzureWithANote() {
        PolicyIntent sctp = intent(new PolicyIntent.Allow(
                Direction.INGRESS, Protocol.SCTP, new PortRange(3868, 3868), Cidr.of("10.0.0.0/8"), "p ingress[1]"));
        List<String> notes = new ArrayList<>();
        assertThat(new org.pcisegment.cloud.aws.AwsRules().rules(List.of(sctp), List.of(), notes))
                .isEmpty();
        assertThat(notes).singleElement().asString().contains("SCTP", "left out (denied)");
        notes.clear();
        assertThat(new AzureRules().rules(List.of(sctp), List.of(), notes)).noneMatch(CloudRule::isAllow);
        assertThat(notes).singleElement().asString().contains("SCTP", "left out (denied)");
    }

    @Test
    void groupWithOurNameButNotOurTagBlocksThePlan() {
        CloudConfig config = Scenario.awsConfig(URI.create("http://127.0.0.1:1"));
        CloudState state = new CloudState(
                List.of(new CloudState.Group("sg-1", "pci-segment-p", java.util.Map.of(), List.of(), List.of())),
                List.of());
        Plan plan = Planner.plan(
                config,
                "hash",
                List.of(intent(allow(443, "10.0.2.0/24"))),
                state,
                new org.pcisegment.cloud.aws.AwsRules());
        assertThat(plan.conflicts()).singleElement().asString().contains("does not carry the ownership tag");
        assertThat(plan.changes()).isEmpty();
    }
}
