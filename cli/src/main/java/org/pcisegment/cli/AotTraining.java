package org.pcisegment.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * The training workload of the launcher's AOT cache (see bin/pci-segment): the commands people run
 * most, on the shipped examples, in one JVM, so that the cache holds the classes and linked call
 * sites of each of them rather than of one command (a class missing from the cache is read from
 * the jar, several milliseconds each at start-up). Output is discarded.
 */
final class AotTraining {
    private AotTraining() {}

    /** {@code AotTraining EXAMPLES_DIR}: runs the workload; exits 0, or 4 when a run failed. */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: AotTraining EXAMPLES_DIR");
            System.exit(ExitCode.INPUT);
        }
        List<Integer> codes = run(args[0]);
        System.exit(codes.stream().allMatch(AotTraining::ran) ? ExitCode.OK : ExitCode.INTERNAL);
    }

    /** The exit code of each command of the workload. */
    static List<Integer> run(String examples) {
        String all = examples + "/policies";
        String valid = examples + "/policies/cde-*.yaml";
        String inventory = examples + "/inventory.yaml";
        List<List<String>> commands = List.of(
                List.of("validate", "-f", examples + "/policies/cde-isolation.yaml"),
                List.of("validate", "-f", all, "--inventory", inventory),
                List.of("validate", "-f", all, "--inventory", inventory, "--format", "json"),
                List.of("validate", "-f", all, "--inventory", inventory, "--format", "sarif"),
                List.of("analyze", "-f", valid, "--inventory", inventory),
                List.of("analyze", "-f", valid, "--inventory", inventory, "--format", "json"),
                List.of(
                        "explain",
                        "-f",
                        valid,
                        "--inventory",
                        inventory,
                        "--from",
                        "10.0.2.10",
                        "--to",
                        "10.0.1.10",
                        "--port",
                        "443"),
                List.of("version"));
        PrintWriter discard = new PrintWriter(Writer.nullWriter());
        List<Integer> codes = new ArrayList<>();
        for (List<String> command : commands) {
            codes.add(Main.run(command.toArray(String[]::new), discard, discard));
        }
        return codes;
    }

    /** Ran to an answer: valid, or findings (the examples include an invalid policy). */
    static boolean ran(int code) {
        return code == ExitCode.OK || code == ExitCode.FINDINGS;
    }
}
