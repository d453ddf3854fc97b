package org.pcisegment.cli;

import java.io.PrintWriter;
import java.util.List;
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
        footer = {
            "",
            "Exit codes: 0 ok, 1 findings or non-compliance, 2 usage or input error,",
            "            3 enforcement or cloud operation failed (rolled back),",
            "            4 internal error."
        })
public final class Main implements Runnable {
    /**
     * The subcommands, in the order the root help lists them. They are added at run time rather than
     * in {@code @Command(subcommands)}: building a command's model costs reflection over its whole
     * class tree, so a run that names its command builds only that one (see {@link #run}).
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
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
            CommandLine.HelpCommand.class);

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
            // and without SLF4J's own note that it loads the provider named here
            System.setProperty("slf4j.internal.verbosity", "WARN");
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
        for (Class<?> subcommand : subcommandsFor(args)) {
            commandLine.addSubcommand(subcommand);
        }
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

    /**
     * The subcommands a command line needs: only the one it names when its first word is exactly a
     * command's name (other than {@code help}, which describes them all); otherwise all of them, so
     * that the root help, "did you mean" suggestions and errors see every command.
     */
    static List<Class<?>> subcommandsFor(String[] args) {
        if (args.length > 0) {
            for (Class<?> subcommand : SUBCOMMANDS) {
                Command command = subcommand.getAnnotation(Command.class);
                if (command != null && command.name().equals(args[0]) && subcommand != CommandLine.HelpCommand.class) {
                    return List.of(subcommand);
                }
            }
        }
        return SUBCOMMANDS;
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
