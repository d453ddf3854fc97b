package org.pcisegment.bench;

import java.util.List;
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
import org.pcisegment.core.source.YamlDocument;
import org.pcisegment.core.source.YamlLoader;

/**
 * {@link YamlLoader#parse} of the generated 10,000-policy file (100,000 peers, about 10 MB), with
 * the fast reader and, as the baseline, with snakeyaml alone ({@link
 * YamlLoader#SNAKEYAML_ONLY_PROPERTY}), in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class YamlParseBenchmark {
    @Param({"fast", "snakeyaml"})
    public String reader;

    private String text;

    @Setup
    public void generate() {
        text = PolicySetGenerator.policies(10_000, 100_000, 42);
        System.setProperty(YamlLoader.SNAKEYAML_ONLY_PROPERTY, String.valueOf(reader.equals("snakeyaml")));
    }

    @Benchmark
    public List<YamlDocument> parse() {
        return YamlLoader.parse("policies.yaml", text);
    }
}
