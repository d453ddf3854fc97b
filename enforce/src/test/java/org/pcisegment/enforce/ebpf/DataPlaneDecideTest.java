package org.pcisegment.enforce.ebpf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pcisegment.enforce.ebpf.LoadedDataPlane.DROP;
import static org.pcisegment.enforce.ebpf.LoadedDataPlane.PASS;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pcisegment.core.ir.Flow;
import org.pcisegment.core.ir.PolicyCompiler;
import org.pcisegment.core.ir.RuleSet;
import org.pcisegment.core.ir.Verdict;
import org.pcisegment.core.testing.RandomPolicySets;

/**
 * The kernel program, fed crafted packets through BPF_PROG_TEST_RUN, decides every flow exactly
 * as {@code RuleSet.decide} does, on random policy sets installed one after the other as map
 * diffs (so the incremental updates are exercised too).
 */
@Tag("kernel")
class DataPlaneDecideTest {
    private static LoadedDataPlane plane;

    @BeforeAll
    static void load() {
        plane = new LoadedDataPlane();
    }

    @AfterAll
    static void unload() {
        plane.close();
    }

    @Test
    void everyFlowGetsTheVerdictOfDecideAcrossSuccessivePolicySets() {
        Random seeds = new Random(20261125);
        int flows = 0;
        int allowed = 0;
        for (int set = 0; set < 60; set++) {
            long seed = seeds.nextLong();
            RandomPolicySets random = new RandomPolicySets(seed);
            RuleSet ruleSet = PolicyCompiler.compile(random.policySet());
            plane.install(new DataPlanePolicy(ruleSet.hosts(), List.of()));
            assertThat(MapTransaction.same(MapImage.read(plane.objects()), plane.installed()))
                    .as("maps after installing set %d (seed %d)", set, seed)
                    .isTrue();
            plane.clearConnections();
            for (int i = 0; i < 150; i++) {
                Flow flow = random.flow();
                Verdict verdict = ruleSet.decide(flow);
                // a fresh source port per flow: no packet may ride on a connection an earlier one opened
                int sourcePort = 1024 + flows % 60000;
                byte[] frame = Packets.frame(
                        flow.source(), flow.destination(), flow.protocol().number(), sourcePort, flow.port());
                assertThat(plane.verdict(frame))
                        .as("set %d (seed %d): %s -> %s", set, seed, flow, verdict)
                        .isEqualTo(verdict.allowed() ? PASS : DROP);
                flows++;
                allowed += verdict.allowed() ? 1 : 0;
            }
        }
        // the random sets must exercise both outcomes, or this test proves little
        assertThat(allowed).isBetween(flows / 10, flows - flows / 10);
    }
}
