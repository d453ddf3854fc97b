package org.pcisegment.bench;

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
import org.pcisegment.core.load.PolicySet;
import org.pcisegment.core.pci.ValidationResult;
import org.pcisegment.core.pci.Validator;

/**
 * Parse and validate throughput in policies per second (each operation handles {@code policies}
 * policies). The baseline is the parse step alone, measured in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ValidateBenchmark {
    @Param({"1000", "10000"})
    public int policies;

    private String policyText;
    private String inventoryText;
    private PolicySet parsed;

    @Setup
    public void generate() {
        policyText = PolicySetGenerator.policies(policies, policies * 10, 42);
        inventoryText = PolicySetGenerator.inventory(1000);
        parsed = parse();
    }

    private PolicySet parse() {
        return PolicySetGenerator.parse(policyText, inventoryText);
    }

    /** YAML parse and model building only. */
    @Benchmark
    public PolicySet parseOnly() {
        return parse();
    }

    /** Parse, then every PCI rule. */
    @Benchmark
    public ValidationResult parseAndValidate() {
        return Validator.validate(parse());
    }

    /** The PCI rules over an already parsed set. */
    @Benchmark
    public ValidationResult validateOnly() {
        return Validator.validate(parsed);
    }
}
