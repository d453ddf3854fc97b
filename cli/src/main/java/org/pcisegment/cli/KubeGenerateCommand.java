package org.pcisegment.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.pcisegment.core.ir.RuleSet;
import org.pcisegment.core.load.PolicySet;
import org.pcisegment.kube.generate.GenerateResult;
import org.pcisegment.kube.generate.GenerateWriter;
import org.pcisegment.kube.generate.GeneratedResource;
import org.pcisegment.kube.generate.KubeGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "generate",
        description = {
            "Write pci-segment policies as Kubernetes policies: one policy per inventory workload that a"
                    + " pci-segment policy restricts, allowing exactly what the policies allow (kube analyze of"
                    + " the output gives the connectivity that analyze gives for the policies).",
            "",
            "Targets (--target):",
            "  k8s     networking.k8s.io/v1 NetworkPolicies with explicit policyTypes.",
            "  calico  projectcalico.org/v3: a 'pci' Tier; per workload a NetworkPolicy",
            "          whose restricted directions end in an explicit Deny; and",
            "          a GlobalNetworkPolicy that denies traffic between CDE and non-CDE",
            "          pods where the policies leave a CDE direction open, DNS allowed.",
            "  cilium  cilium.io/v2 CiliumNetworkPolicies, enableDefaultDeny per direction",
            "          (Cilium 1.15 or later).",
            "",
            "Pods are selected by the label pci-segment.io/workload: NAME of their inventory workload; every"
                    + " pod must carry it and run in --namespace. Writes one file per resource and manifest.yaml"
                    + " (each resource's purpose and source policies, what the cluster must provide, warnings)."
                    + " The policy set must validate: invalid sets are refused with their errors."
        },
        footer = {
            "",
            "Exit codes: 0 generated, 1 the policy set does not validate, 2 usage or input error.",
            "",
            "Examples:",
            "  pci-segment kube generate -f 'examples/policies/cde-*.yaml' \\",
            "      --inventory examples/inventory.yaml -o out/k8s",
            "  pci-segment kube generate -f policies/ --inventory inventory.yaml \\",
            "      --target calico -n payments -o out/calico",
            "  pci-segment kube generate -f policies/ --inventory inventory.yaml \\",
            "      --target cilium -o out/cilium"
        })
final class KubeGenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Option(
            names = "--target",
            paramLabel = "TARGET",
            description = "Policy dialect: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    GenerateResult.Target target = GenerateResult.Target.k8s;

    @Option(
            names = {"-n", "--namespace"},
            paramLabel = "NS",
            description =
                    "Namespace of the workloads' pods and of the namespaced policies (default: ${DEFAULT-VALUE}).")
    String namespace = "default";

    @Mixin
    OutputDirectoryOption output;

    @Override
    public Integer call() {
        if (!KubeGenerator.isNamespaceName(namespace)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--namespace '" + namespace + "' is not a Kubernetes namespace name (lower-case letters, digits"
                            + " and '-', starting and ending with a letter or digit, at most 63 characters)");
        }
        PolicySet policySet = input.load();
        Optional<RuleSet> ruleSet = CompiledInput.compile(
                policySet, "kube generate", "the ", spec.commandLine().getErr());
        if (ruleSet.isEmpty()) {
            return ExitCode.FINDINGS;
        }
        GenerateResult result = KubeGenerator.generate(ruleSet.get(), target, namespace);
        List<Path> written = GenerateWriter.write(result, policySet.sha256(), output.directory());

        PrintWriter out = spec.commandLine().getOut();
        Map<String, Integer> kinds = new TreeMap<>();
        result.resources().forEach(r -> kinds.merge(r.kind(), 1, Integer::sum));
        out.println("Policy set " + policySet.shortHash() + ": "
                + policySet.policies().size() + " policies, "
                + policySet.inventory().workloads().size() + " workloads");
        out.println("Target " + target + ", namespace " + namespace + ": "
                + String.join(
                        ", ",
                        kinds.entrySet().stream()
                                .map(e -> e.getValue() + " " + e.getKey())
                                .toList()));
        out.println("Wrote " + written.size() + " files (" + GenerateWriter.MANIFEST + " lists them) to "
                + output.directory());
        for (GeneratedResource resource : result.resources()) {
            out.println("  " + resource.fileName());
        }
        out.println("The cluster must provide:");
        result.requirements().forEach(r -> out.println("  - " + r));
        if (!result.findings().isEmpty()) {
            out.println("Warnings (" + result.findings().size() + "):");
            result.findings().forEach(f -> out.println("  " + f.span() + ": " + f.message()));
        }
        out.flush();
        return ExitCode.OK;
    }
}
