package org.pcisegment.bench;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link DecideBenchmark} (indexed and linear scan, same run) and prints decisions per second
 * of each and their ratio per rule count. Arguments are rule counts (default 1000 10000 100000).
 */
public final class DecideRatio {
    private DecideRatio() {}

    public static void main(String[] args) throws RunnerException {
        String[] counts = args.length == 0 ? new String[] {"1000", "10000", "100000"} : args;
        Options options = new OptionsBuilder()
                .include(DecideBenchmark.class.getName() + "\\.")
                .param("rules", counts)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<Integer, double[]> byRules = new TreeMap<>();
        for (RunResult result : results) {
            int rules = Integer.parseInt(result.getParams().getParam("rules"));
            double score = result.getPrimaryResult().getScore();
            boolean indexed = result.getParams().getBenchmark().endsWith(".indexed");
            byRules.computeIfAbsent(rules, r -> new double[2])[indexed ? 0 : 1] = score;
        }
        System.out.printf("%n%-10s %18s %18s %10s%n", "rules", "indexed (ops/s)", "linear scan (ops/s)", "ratio");
        byRules.forEach((rules, scores) ->
                System.out.printf("%-10d %18.0f %18.0f %9.0fx%n", rules, scores[0], scores[1], scores[0] / scores[1]));
    }
}
