package org.pcisegment.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "version", description = "Show version information.")
final class VersionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        out.println("pci-segment " + Version.get());
        out.println("  PCI-DSS: v4.0 (Requirement 1 rules, "
                + org.pcisegment.core.pci.PciRules.all().size() + " checks)");
        out.println("  Java: " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")");
        out.println("  OS: " + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        out.flush();
        return ExitCode.OK;
    }
}
