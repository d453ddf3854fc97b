package org.pcisegment.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
        name = "kube",
        description = {
            "Kubernetes: analyse NetworkPolicy and Calico connectivity of cluster manifests, compare two"
                    + " versions, check CDE placement, generate NetworkPolicies from a stack topology, and write"
                    + " pci-segment policies as Kubernetes, Calico or Cilium policies.",
        },
        subcommands = {
            KubeAnalyzeCommand.class,
            KubeDiffCommand.class,
            KubeCheckCommand.class,
            KubeTopologyCommand.class,
            KubeGenerateCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {"", "Exit codes: 0 ok, 1 findings (see each command), 2 usage or input error."})
final class KubeCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing kube command");
    }
}
