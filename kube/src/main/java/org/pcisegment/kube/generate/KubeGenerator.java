package org.pcisegment.kube.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.ir.RuleSet;

/** {@code kube generate}: a compiled (validated) policy set as policies of one target dialect. */
public final class KubeGenerator {
    /** A namespace name is an RFC 1123 label. */
    private static final Pattern NAMESPACE_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private KubeGenerator() {}

    public static boolean isNamespaceName(String namespace) {
        return NAMESPACE_NAME.matcher(namespace).matches();
    }

    public static GenerateResult generate(RuleSet ruleSet, GenerateResult.Target target, String namespace) {
        if (!isNamespaceName(namespace)) {
            throw new IllegalArgumentException("not a namespace name: " + namespace);
        }
        HostTranslation.Translated translated = HostTranslation.of(ruleSet);
        List<GeneratedResource> resources = switch (target) {
            case k8s -> KubernetesEmitter.emit(translated.policies(), namespace);
            case calico -> CalicoEmitter.emit(translated.policies(), namespace);
            case cilium -> CiliumEmitter.emit(translated.policies(), namespace);
        };
        List<String> requirements = new ArrayList<>();
        requirements.add("every pod of inventory workload W runs in namespace " + namespace + " and carries the"
                + " label " + HostTranslation.WORKLOAD_LABEL + ": W");
        if (target == GenerateResult.Target.calico) {
            requirements.add("CDE pods carry " + Workload.CDE_LABEL + ": " + Workload.CDE_VALUE + "; tier "
                    + CalicoEmitter.TIER + " comes before the default tier; DNS is served by pods labelled"
                    + " k8s-app: kube-dns in namespace kube-system");
        }
        if (target == GenerateResult.Target.cilium) {
            requirements.add("Cilium 1.15 or later (enableDefaultDeny, endPort)");
        }
        return new GenerateResult(target, resources, translated.findings(), requirements);
    }
}
