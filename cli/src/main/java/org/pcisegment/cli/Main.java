package org.pcisegment.cli;

import java.io.PrintWriter;
import org.pcisegment.audit.AuditException;
import org.pcisegment.core.source.InputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: builds the command tree and turns every outcome into a documented exit code. */
@Command(
        name = "pci-segment",
        // Inherited, so that every subcommand takes -h/--help (and -V/--version) like the root.
        scope = CommandLine.ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = "PCI-DSS v4.0 network microsegmentation: validate, analyze and enforce CDE isolation.",
        subcommands = {
            ValidateCommand.class,
            AnalyzeCommand.class,
            ExplainCommand.class,
            DiffCommand.class,
            AuditCommand.class,
            EnforceCommand.class,
            StatusCommand.class,
            DisableCommand.class,
            KubeCommand.class,
            CloudSyncCommand.class,
            CloudValidateCommand.class,
            CloudExportCommand.class,
            ReportCommand.class,
            VersionCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Exit codes: 0 ok, 1 findings or non-compliance, 2 usage or input error,",
            "            3 enforcement or cloud operation failed (rolled back),",
            "            4 internal error."
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    static final int USAGE_WIDTH = 100;

    /** SLF4J's own no-op provider (in slf4j-api, so no binding jar is needed). */
    static final String QUIET_SLF4J_PROVIDER = "org.slf4j.helpers.NOP_FallbackServiceProvider";

    public static void main(String[] args) {
        // The cloud SDKs log through SLF4J; without a binding it warns on stderr at first use. Choose
        // its own no-op provider explicitly (the SDKs' errors reach the user through our messages).
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", QUIET_SLF4J_PROVIDER);
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line with the given streams and returns its exit code (used by tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, CommandLine.defaultFactory());
    }

    /** As {@link #run(String[], PrintWriter, PrintWriter)}, creating commands with {@code factory}. */
    static int run(String[] args, PrintWriter out, PrintWriter err, CommandLine.IFactory factory) {
        CommandLine commandLine = new CommandLine(new Main(), factory);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        // Wide enough that no example command line is wrapped mid-argument; fixed, so help is reproducible.
        commandLine.setUsageHelpWidth(USAGE_WIDTH);
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> handle(exception, cmd.getErr()));
        commandLine.setParameterExceptionHandler((exception, parsedArgs) -> {
            PrintWriter stream = exception.getCommandLine().getErr();
            stream.println("error: " + exception.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(exception, stream);
            stream.println("Run 'pci-segment " + commandPath(exception.getCommandLine()) + "--help' for usage.");
            stream.flush();
            return ExitCode.INPUT;
        });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static String commandPath(CommandLine commandLine) {
        String path = commandLine.getCommandSpec().qualifiedName(" ");
        String withoutRoot = path.startsWith("pci-segment") ? path.substring("pci-segment".length()) : path;
        return withoutRoot.isBlank() ? "" : withoutRoot.strip() + " ";
    }

    private static int handle(Exception exception, PrintWriter err) {
        if (exception instanceof AuditException audit) {
            err.println("error: " + audit.getMessage());
            err.flush();
            return ExitCode.OPERATION;
        }
        if (exception instanceof InputException input) {
            err.println("error: " + input.located());
            err.flush();
            return ExitCode.INPUT;
        }
        err.println("internal error: " + exception);
        if (System.getenv("PCI_SEGMENT_DEBUG") != null) {
            exception.printStackTrace(err);
        } else {
            err.println("This is a defect in pci-segment; set PCI_SEGMENT_DEBUG=1 for details and report it.");
        }
        err.flush();
        return ExitCode.INTERNAL;
    }

    /** Supplies {@code --version}. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"pci-segment " + Version.get()};
        }
    }
}
