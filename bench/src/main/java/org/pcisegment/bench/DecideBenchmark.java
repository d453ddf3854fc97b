package org.pcisegment.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.ir.Flow;
import org.pcisegment.core.ir.PolicyCompiler;
import org.pcisegment.core.ir.Rule;
import org.pcisegment.core.ir.RuleSet;
import org.pcisegment.core.ir.Verdict;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.Protocol;

/**
 * {@code RuleSet.decide} throughput (decisions per second, one thread) at about {@code rules}
 * compiled rules, against {@code decideByLinearScan} over the same rules and flows in the same
 * run. Flows mix inventory and outside addresses and ports the rules open with random ones, so
 * both allowed and denied paths are measured. {@link DecideRatio} runs both and prints the ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecideBenchmark {
    static final int WORKLOADS = 1000;
    private static final int FLOWS = 1 << 14;

    @Param({"1000", "10000", "100000"})
    public int rules;

    private RuleSet ruleSet;
    private Flow[] flows;
    private int next;

    @Setup
    public void compile() {
        ruleSet = ruleSetOf(rules);
        flows = flows(ruleSet, new Random(7));
        next = 0;
        System.err.printf(
                "%n[decide] target %d rules: compiled %d rules from %d policies over %d workloads%n",
                rules, ruleSet.size(), ruleSet.policySet().policies().size(), WORKLOADS);
    }

    /** A generated policy set compiled to about {@code target} rules. */
    static RuleSet ruleSetOf(int target) {
        String inventory = PolicySetGenerator.inventory(WORKLOADS);
        int sample = 200;
        RuleSet probe = PolicyCompiler.compile(
                PolicySetGenerator.parse(PolicySetGenerator.policies(sample, sample * 10, 42), inventory));
        int policies = Math.max(1, (int) Math.round((double) target * sample / probe.size()));
        return PolicyCompiler.compile(
                PolicySetGenerator.parse(PolicySetGenerator.policies(policies, policies * 10, 42), inventory));
    }

    static Flow[] flows(RuleSet ruleSet, Random random) {
        List<IpAddress> inventory = new ArrayList<>();
        for (Workload workload : ruleSet.inventory().workloads()) {
            inventory.add(workload.addresses().getFirst().network());
        }
        List<Integer> openPorts = new ArrayList<>();
        for (Rule rule : ruleSet.rules()) {
            openPorts.add(rule.ports().ranges().getFirst().first());
        }
        Flow[] flows = new Flow[FLOWS];
        for (int i = 0; i < FLOWS; i++) {
            IpAddress source = pick(random, inventory);
            IpAddress destination = pick(random, inventory);
            int port =
                    random.nextBoolean() ? openPorts.get(random.nextInt(openPorts.size())) : 1 + random.nextInt(65535);
            flows[i] = new Flow(source, destination, random.nextInt(10) == 0 ? Protocol.UDP : Protocol.TCP, port);
        }
        return flows;
    }

    private static IpAddress pick(Random random, List<IpAddress> inventory) {
        return random.nextInt(4) == 0
                ? IpAddress.v4(0x0A00_0000L | random.nextInt(1 << 24))
                : inventory.get(random.nextInt(inventory.size()));
    }

    private Flow nextFlow() {
        Flow flow = flows[next];
        next = (next + 1) & (FLOWS - 1);
        return flow;
    }

    /** The indexed decision. */
    @Benchmark
    public Verdict indexed() {
        return ruleSet.decide(nextFlow());
    }

    /** The baseline: the same decision by scanning every rule. */
    @Benchmark
    public Verdict linearScan() {
        return ruleSet.decideByLinearScan(nextFlow());
    }
}
