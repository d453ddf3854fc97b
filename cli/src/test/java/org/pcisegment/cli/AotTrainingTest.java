package org.pcisegment.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pcisegment.core.testing.TestPolicySets;

/** The AOT cache's training workload runs every command to an answer on the shipped examples. */
class AotTrainingTest {
    @Test
    void everyCommandOfTheWorkloadRuns() {
        String examples = TestPolicySets.examples().toString();
        List<Integer> codes = AotTraining.run(examples);

        assertThat(codes).hasSize(8).allMatch(AotTraining::ran);
        // validate sees the invalid example; analyze and explain take the valid ones
        assertThat(codes).containsExactly(0, 1, 1, 1, 0, 0, 0, 0);
    }

    @Test
    void onlyAnswersCountAsRunning() {
        assertThat(AotTraining.ran(ExitCode.INPUT)).isFalse();
        assertThat(AotTraining.ran(ExitCode.INTERNAL)).isFalse();
    }
}
