package org.pcisegment.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link YamlParseBenchmark} (fast reader and snakeyaml alone, same run) and prints the parse
 * time of the 10,000-policy file each way and their ratio.
 */
public final class YamlParseRatio {
    private YamlParseRatio() {}

    public static void main(String[] args) throws RunnerException {
        Map<String, Result<?>> byReader = new HashMap<>();
        for (RunResult result : new Runner(new OptionsBuilder()
                        .include(YamlParseBenchmark.class.getName() + "\\.")
                        .build())
                .run()) {
            byReader.put(result.getParams().getParam("reader"), result.getPrimaryResult());
        }
        Result<?> fast = Objects.requireNonNull(byReader.get("fast"));
        Result<?> snakeyaml = Objects.requireNonNull(byReader.get("snakeyaml"));
        System.out.printf(
                "%nparse of 10,000 policies: fast reader %.0f ± %.0f ms, snakeyaml alone %.0f ± %.0f ms,"
                        + " ratio %.1fx%n",
                fast.getScore(),
                fast.getScoreError(),
                snakeyaml.getScore(),
                snakeyaml.getScoreError(),
                snakeyaml.getScore() / fast.getScore());
    }
}
