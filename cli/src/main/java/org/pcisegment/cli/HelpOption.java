package org.pcisegment.cli;

import picocli.CommandLine.Option;

/** {@code -h}/{@code --help} for a subcommand (the root's standard help options are not inherited). */
final class HelpOption {
    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    boolean requested;
}
