package org.pcisegment.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pcisegment.core.pci.PciRules;
import org.pcisegment.core.testing.Golden;

class HelpAndVersionTest {
    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiterString = "|",
            value = {
                "help.txt          | --help",
                "help.txt          | help",
                "help-validate.txt | validate --help",
                "help-validate.txt | help validate",
                "help-version.txt  | version -h"
            })
    void helpTextsMatchTheirGoldenFiles(String golden, String commandLine) {
        Cli run = Cli.run(commandLine.split(" "));
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.err()).isEmpty();
        Golden.assertMatches(HelpAndVersionTest.class, golden, run.out());
    }

    @Test
    void buildsOnlyTheNamedCommandButAllForHelpAndUnknownWords() {
        assertThat(Main.subcommandsFor(new String[] {"validate", "-f", "x"})).containsExactly(ValidateCommand.class);
        assertThat(Main.subcommandsFor(new String[] {"kube", "diff"})).containsExactly(KubeCommand.class);
        assertThat(Main.subcommandsFor(new String[] {"help", "validate"})).isEqualTo(Main.SUBCOMMANDS);
        assertThat(Main.subcommandsFor(new String[] {"valdate"})).isEqualTo(Main.SUBCOMMANDS);
        assertThat(Main.subcommandsFor(new String[] {"--help"})).isEqualTo(Main.SUBCOMMANDS);
        assertThat(Main.subcommandsFor(new String[0])).isEqualTo(Main.SUBCOMMANDS);
        // A mistyped command still gets the suggestion that needs every command's name.
        Cli run = Cli.run("valdate", "-f", "x");
        assertThat(run.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(run.err()).contains("validate");
    }

    @Test
    void versionNamesTheBuildTheRulesAndTheRuntime() {
        Cli run = Cli.run("version");
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.out().lines().toList())
                .satisfiesExactly(
                        first -> assertThat(first).isEqualTo("pci-segment " + Version.get()),
                        rules -> assertThat(rules)
                                .isEqualTo("  PCI-DSS: v4.0 (Requirement 1 rules, "
                                        + PciRules.all().size() + " checks)"),
                        java -> assertThat(java).startsWith("  Java: " + Runtime.version()),
                        os -> assertThat(os).startsWith("  OS: " + System.getProperty("os.name")));
        assertThat(Version.get()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(Cli.run("--version").out()).isEqualTo("pci-segment " + Version.get() + "\n");
    }

    @Test
    void usageErrorsExitWithTwoAndPointToHelp() {
        Cli none = Cli.run();
        assertThat(none.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(none.err()).isEqualTo("error: missing command\nRun 'pci-segment --help' for usage.\n");

        Cli unknown = Cli.run("validat", "-f", "x.yaml");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(unknown.err())
                .startsWith("error: Unmatched arguments from index 0: 'validat'")
                .contains("Did you mean: pci-segment validate")
                .endsWith("Run 'pci-segment --help' for usage.\n");

        Cli option = Cli.run("validate", "-f", "x.yaml", "--formt", "json");
        assertThat(option.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(option.err())
                .contains("Unknown options: '--formt', 'json'")
                .contains("--format")
                .endsWith("Run 'pci-segment validate --help' for usage.\n");

        Cli format = Cli.run("validate", "-f", "x.yaml", "--format", "xml");
        assertThat(format.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(format.err())
                .startsWith("error: Invalid value for option '--format': expected one of"
                        + " [text, json, sarif] (case-insensitive) but was 'xml'\n");

        Cli missing = Cli.run("validate");
        assertThat(missing.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(missing.err()).startsWith("error: Missing required option: '--file=PATH'\n");

        Cli range = Cli.run("validate", "-f", "../examples/policies", "--max-port-range", "0");
        assertThat(range.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(range.err()).startsWith("error: --max-port-range must be within 1-65535, got 0\n");
        assertThat(range.out()).isEmpty();

        Cli notNumber = Cli.run("validate", "-f", "../examples/policies", "--max-port-range", "many");
        assertThat(notNumber.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(notNumber.err())
                .startsWith("error: Invalid value for option '--max-port-range': 'many' is not an int\n");

        for (Cli run : new Cli[] {none, unknown, option, format, missing, range, notNumber}) {
            assertThat(run.showsAStackTrace()).as(run.err()).isFalse();
        }
    }

    @Test
    void theQuietLoggingProviderExistsSoCloudCommandsPrintNoLoggingErrors() throws Exception {
        Class<?> provider = Class.forName(Main.QUIET_SLF4J_PROVIDER);
        assertThat(org.slf4j.spi.SLF4JServiceProvider.class).isAssignableFrom(provider);
    }
}
