package org.pcisegment.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;
import java.util.function.Function;
import org.pcisegment.core.ir.Flow;
import org.pcisegment.core.ir.RuleSet;
import org.pcisegment.core.ir.Verdict;

/**
 * {@link DecideBenchmark}'s comparison measured in decisions per second of this thread's CPU time
 * instead of wall-clock time: on a machine whose two cores are shared with other work, the wall-clock
 * rate falls with the share of the core the thread gets, while the rate per CPU-second is what one
 * core sustains. Same rule sets, same flows, one thread; each round is one second of CPU time, and
 * every verdict feeds a checksum that is printed, so no decision can be left out. Arguments are rule
 * counts (default 1000 10000 100000). Run: {@code java -cp bench/target/benchmarks.jar
 * org.pcisegment.bench.DecideCpuTime}.
 */
public final class DecideCpuTime {
    private static final int WARM_UP_ROUNDS = 5;
    private static final int ROUNDS = 10;
    private static final long ROUND_NANOS = 1_000_000_000L;

    private DecideCpuTime() {}

    public static void main(String[] args) {
        String[] counts = args.length == 0 ? new String[] {"1000", "10000", "100000"} : args;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf(
                "%-8s %-8s %26s %26s %8s%n",
                "target", "rules", "indexed (ops/CPU-s)", "linear scan (ops/CPU-s)", "ratio");
        for (String count : counts) {
            RuleSet ruleSet = DecideBenchmark.ruleSetOf(Integer.parseInt(count));
            Flow[] flows = DecideBenchmark.flows(ruleSet, new Random(7));
            double[] indexed = measure(threads, flows, ruleSet::decide);
            double[] scan = measure(threads, flows, ruleSet::decideByLinearScan);
            System.out.printf(
                    "%-8s %-8d %15.0f ± %8.0f %15.0f ± %8.0f %7.0fx%n",
                    count, ruleSet.size(), indexed[0], indexed[1], scan[0], scan[1], indexed[0] / scan[0]);
        }
    }

    /** Mean and 99.9 % half-width (Student t, 9 degrees of freedom) of decisions per CPU-second. */
    private static double[] measure(ThreadMXBean threads, Flow[] flows, Function<Flow, Verdict> decide) {
        int mask = flows.length - 1;
        int next = 0;
        long checksum = 0;
        double[] rates = new double[ROUNDS];
        Verdict[] sink = new Verdict[16];
        for (int round = -WARM_UP_ROUNDS; round < ROUNDS; round++) {
            long start = threads.getCurrentThreadCpuTime();
            long done = 0;
            long elapsed = 0;
            int batch = 1;
            do {
                long before = elapsed;
                for (int i = 0; i < batch; i++) {
                    Verdict verdict = decide.apply(flows[next]);
                    // the verdict escapes into an array, as JMH's Blackhole makes it escape
                    sink[next & 15] = verdict;
                    checksum += verdict.action().ordinal();
                    next = (next + 1) & mask;
                }
                done += batch;
                elapsed = threads.getCurrentThreadCpuTime() - start;
                if (elapsed - before < 10_000_000L) {
                    batch *= 2;
                }
            } while (elapsed < ROUND_NANOS);
            if (round >= 0) {
                rates[round] = done * 1e9 / elapsed;
            }
        }
        System.err.println("checksum " + checksum + " " + sink[0].action());
        double mean = 0;
        for (double rate : rates) {
            mean += rate / ROUNDS;
        }
        double variance = 0;
        for (double rate : rates) {
            variance += (rate - mean) * (rate - mean) / (ROUNDS - 1);
        }
        return new double[] {mean, 4.781 * Math.sqrt(variance / ROUNDS)};
    }
}
