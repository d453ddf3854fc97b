package org.pcisegment.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pcisegment.core.load.PolicySet;
import org.pcisegment.core.load.PolicySetLoader;
import org.pcisegment.core.source.SourceFile;
import org.pcisegment.core.source.YamlLoader;

/** Policy sets for tests: from inline YAML, or the shipped examples. */
public final class TestPolicySets {
    private TestPolicySets() {}

    /** A policy set from YAML text (multi-document) and an inventory text. */
    public static PolicySet of(String policies, String inventory) {
        SourceFile policyFile = new SourceFile("policies.yaml", policies, YamlLoader.parse("policies.yaml", policies));
        SourceFile inventoryFile =
                new SourceFile("inventory.yaml", inventory, YamlLoader.parse("inventory.yaml", inventory));
        return PolicySetLoader.fromSources(List.of(policyFile), List.of(inventoryFile));
    }

    /**
     * The repository's examples/ directory, found upwards from the working directory and given
     * relative to it, so file names in outputs do not depend on where the clone is.
     */
    public static Path examples() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("examples");
            if (Files.isDirectory(candidate.resolve("policies"))) {
                return Path.of("").toAbsolutePath().relativize(candidate);
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException(
                "examples/ not found above " + Path.of("").toAbsolutePath());
    }

    /** The valid example policies (every file but invalid-policy.yaml) with the example inventory. */
    public static PolicySet validExamples() {
        Path examples = examples();
        List<String> files = new ArrayList<>();
        for (String name : List.of("cde-app.yaml", "cde-database.yaml", "cde-isolation.yaml")) {
            files.add(examples.resolve("policies").resolve(name).toString());
        }
        return PolicySetLoader.load(
                files, List.of(examples.resolve("inventory.yaml").toString()));
    }

    /** An inventory document listing workloads given as "name address[,address] label=value,...". */
    public static String inventory(String... workloads) {
        StringBuilder out = new StringBuilder(
                "apiVersion: pci-segment/v1\nkind: Inventory\nmetadata:\n  name: test\nspec:\n  workloads:\n");
        for (String workload : workloads) {
            String[] parts = workload.split(" ");
            out.append("    - name: ").append(parts[0]).append('\n');
            out.append("      addresses: [");
            String[] addresses = parts[1].split(",");
            for (int i = 0; i < addresses.length; i++) {
                out.append(i == 0 ? "" : ", ").append('"').append(addresses[i]).append('"');
            }
            out.append("]\n      labels: {");
            if (parts.length > 2) {
                String[] labels = parts[2].split(",");
                for (int i = 0; i < labels.length; i++) {
                    String[] kv = labels[i].split("=");
                    out.append(i == 0 ? "" : ", ").append(kv[0]).append(": ").append(kv[1]);
                }
            }
            out.append("}\n");
        }
        return out.toString();
    }
}
