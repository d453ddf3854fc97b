package org.pcisegment.cli;

import java.util.ArrayList;
import java.util.List;
import org.pcisegment.core.load.PolicySet;
import org.pcisegment.core.load.PolicySetLoader;
import picocli.CommandLine.Option;

/** The input flags every policy command shares: {@code -f} and {@code --inventory}. */
public final class InputOptions {
    @Option(
            names = {"-f", "--file"},
            paramLabel = "PATH",
            required = true,
            description = "Policy file, directory or glob (quote globs: -f 'policies/*.yaml'). Repeatable."
                    + " Files may also hold Inventory documents.")
    List<String> files = new ArrayList<>();

    @Option(
            names = "--inventory",
            paramLabel = "FILE",
            description = "Inventory of workloads and labels (kind: Inventory). Repeatable.")
    List<String> inventories = new ArrayList<>();

    public PolicySet load() {
        return PolicySetLoader.load(files, inventories);
    }
}
